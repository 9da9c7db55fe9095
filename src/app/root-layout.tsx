import { lazy, Suspense } from 'react';
import { Outlet } from 'react-router';
import { useAuthState } from '../auth/auth-context';
import { LayoutHeader } from './layout-header';

const SignedInShell = lazy(() =>
  import('./signed-in-shell').then((m) => ({ default: m.SignedInShell })),
);

/** The skip link's target. */
export function MainContent() {
  return (
    <div id="main" tabIndex={-1}>
      <Outlet />
    </div>
  );
}

export function RootLayout() {
  const state = useAuthState();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {state.status === 'signed-in' ? (
        <Suspense fallback={<LayoutHeader />}>
          <SignedInShell />
        </Suspense>
      ) : (
        <>
          <LayoutHeader />
          <MainContent />
        </>
      )}
    </div>
  );
}
