import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuthClient, useAuthState } from '../auth/auth-context';

/** Guards the data screens. Signed out, it sends the user to sign in and back here afterwards. */
export function RequireAuth() {
  const state = useAuthState();
  const auth = useAuthClient();
  const location = useLocation();
  const here = `${location.pathname}${location.search}${location.hash}`;

  if (state.status === 'signed-in') return <Outlet />;
  if (state.reason === 'signed-out') return <Navigate to="/" replace />;
  if (state.reason === 'session-ended') {
    // Stay on this page: after signing in again the user comes straight back to it.
    return (
      <main className="centered-page" role="alert">
        <h1>Your Workfront session ended, sign in again</h1>
        <p>For your security, Workfront sessions expire. Your place in the app is kept.</p>
        <button type="button" className="primary" onClick={() => void auth.signIn(here)}>
          Sign in again
        </button>
      </main>
    );
  }
  return <Navigate to={`/?returnTo=${encodeURIComponent(here)}`} replace />;
}
