import { Outlet, useNavigate } from 'react-router';
import { useAuthState } from '../auth';
import { AppNavigationContext } from './app-link';
import { PageLayout, SignedOutLayout } from './page-layout';
import { SignedInShell } from './signed-in-shell';

export function RootLayout() {
  const state = useAuthState();
  const navigate = useNavigate();
  return (
    <AppNavigationContext value={(to) => void navigate(to)}>
      <PageLayout>
        {state.status === 'signed-in' ? (
          <SignedInShell />
        ) : (
          <SignedOutLayout>
            <Outlet />
          </SignedOutLayout>
        )}
      </PageLayout>
    </AppNavigationContext>
  );
}
