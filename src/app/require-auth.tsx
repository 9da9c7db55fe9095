import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuthClient, useAuthState } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

/** Guards the data screens. Signed out, it sends the user to sign in and back here afterwards. */
export function RequireAuth() {
  const state = useAuthState();
  const auth = useAuthClient();
  const location = useLocation();
  const t = useMessages(messages);
  const here = `${location.pathname}${location.search}${location.hash}`;

  if (state.status === 'signed-in') return <Outlet />;
  if (state.reason === 'signed-out') return <Navigate to="/" replace />;
  if (state.reason === 'session-ended') {
    // Stay on this page: after signing in again the user comes straight back to it.
    return (
      <main className="centered-page" role="alert">
        <h1>{t('sessionEndedTitle')}</h1>
        <p>{t('sessionEndedText')}</p>
        <button type="button" className="primary" onClick={() => void auth.signIn(here)}>
          {t('signInAgain')}
        </button>
      </main>
    );
  }
  return <Navigate to={`/?returnTo=${encodeURIComponent(here)}`} replace />;
}
