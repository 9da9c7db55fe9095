import { lazy, Suspense } from 'react';
import { Outlet } from 'react-router';
import { useAuthState } from '../auth/auth-context';
import { useMessages } from '../i18n/i18n-context';
import { LayoutHeader } from './layout-header';
import { messages } from './messages';

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
  const t = useMessages(messages);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
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
