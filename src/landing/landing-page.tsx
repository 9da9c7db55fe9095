import { lazy, Suspense, useEffect, useState } from 'react';
import { useAuthClient, useAuthState, AuthProblemError, type AuthProblem } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

const SignedOutNote = lazy(() => import('./signed-out-note'));

/**
 * The signed-out start page. It renders before the router has loaded (src/main.tsx), so it uses no
 * router code: the page it returns to after sign-in comes in as `returnTo`.
 */
export function LandingPage({ returnTo }: { returnTo: string | null }) {
  const state = useAuthState();
  const auth = useAuthClient();
  const t = useMessages(messages);
  const [redirecting, setRedirecting] = useState(false);
  const [failure, setFailure] = useState<AuthProblem | null>(null);

  // Back from Workfront restores this page as it left it, its button still "Redirecting…".
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false);
    };
    window.addEventListener('pageshow', restored);
    return () => {
      window.removeEventListener('pageshow', restored);
    };
  }, []);

  /** What stopped the sign-in, in words, with what to do. */
  function whyNotStarted(problem: AuthProblem): string {
    if (problem.kind === 'vault-mismatch') {
      return t(problem.with === 'release' ? 'otherRelease' : 'otherConfiguration');
    }
    if (problem.kind === 'network') return t('notReached');
    return t('couldNotStart', { reason: 'detail' in problem ? problem.detail : problem.kind });
  }

  async function signIn() {
    setRedirecting(true);
    setFailure(null);
    try {
      // The auth module checks returnTo: only a path on this origin is followed.
      await auth.signIn(returnTo ?? '/work');
    } catch (error) {
      setRedirecting(false);
      setFailure(
        error instanceof AuthProblemError
          ? error.problem
          : { kind: 'unexpected', detail: String(error) },
      );
    }
  }

  return (
    <main className="centered-page landing">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {state.status === 'signed-out' && state.reason === 'signed-out' && (
        <Suspense>
          <SignedOutNote />
        </Suspense>
      )}
      {returnTo && <p>{t('continue')}</p>}
      <button
        type="button"
        className="primary"
        disabled={redirecting}
        onClick={() => void signIn()}
      >
        {redirecting ? t('redirecting') : t('signIn')}
      </button>
      {failure && (
        <p role="alert" className="error-text">
          {whyNotStarted(failure)}
        </p>
      )}
    </main>
  );
}
