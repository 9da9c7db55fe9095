import { lazy, Suspense } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { useAppConfig } from '../config/config-context';
import { useAuthState } from '../auth';
import { AppNavigationContext } from './app-link';
import { PageLayout, SignedOutLayout } from './page-layout';
import { SignedInShell } from './signed-in-shell';

// The developer's instrument (config.json's "inspector"): off, its code never loads.
const SessionBadge = lazy(() =>
  import('../inspector/session-badge').then((m) => ({ default: m.SessionBadge })),
);

export function RootLayout() {
  const state = useAuthState();
  const navigate = useNavigate();
  const badge = useAppConfig().inspector && (
    <Suspense>
      <SessionBadge />
    </Suspense>
  );
  return (
    <AppNavigationContext value={(to) => void navigate(to)}>
      <PageLayout>
        {state.status === 'signed-in' ? (
          <SignedInShell badge={badge} />
        ) : (
          <SignedOutLayout badge={badge}>
            <Outlet />
          </SignedOutLayout>
        )}
      </PageLayout>
    </AppNavigationContext>
  );
}
