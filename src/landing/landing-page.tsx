import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useAuthClient, useAuthState } from '../auth/auth-context';

export function LandingPage() {
  const state = useAuthState();
  const auth = useAuthClient();
  const [searchParams] = useSearchParams();
  const [redirecting, setRedirecting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const returnTo = searchParams.get('returnTo');

  if (state.status === 'signed-in') return <Navigate to={returnTo ?? '/work'} replace />;

  async function signIn() {
    setRedirecting(true);
    setFailure(null);
    try {
      // The auth module checks returnTo: only a path on this origin is followed.
      await auth.signIn(returnTo ?? '/work');
    } catch (error) {
      setRedirecting(false);
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <main className="centered-page landing">
      <h1>Your Workfront work, in one place</h1>
      <p>Sign in with your Workfront account to see the tasks and issues assigned to you.</p>
      {state.reason === 'signed-out' && <p role="status">You are signed out.</p>}
      {returnTo && <p>Sign in to continue where you were going.</p>}
      <button
        type="button"
        className="primary"
        disabled={redirecting}
        onClick={() => void signIn()}
      >
        {redirecting ? 'Redirecting to Workfront…' : 'Sign in with Workfront'}
      </button>
      {failure && (
        <p role="alert" className="error-text">
          Sign-in could not start: {failure}
        </p>
      )}
    </main>
  );
}
