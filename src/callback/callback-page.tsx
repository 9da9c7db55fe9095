import { use, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataLayerContext } from '../app/data-layer-context';
import { screens } from '../app/router';
import { useAuthClient } from '../auth/auth-context';
import { AuthProblemError, toAuthProblem } from '../auth/auth-errors';
import { describeSignInProblem, type ProblemMessage } from './callback-messages';

export function CallbackPage() {
  const auth = useAuthClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<ProblemMessage | null>(null);
  const loadDataLayer = use(DataLayerContext);

  useEffect(() => {
    // Download the signed-in code while the token request is in flight, so it adds no round trip.
    void loadDataLayer?.().catch(() => undefined);
    void import('../app/signed-in-shell');
    void screens.myWork();
  }, [loadDataLayer]);

  useEffect(() => {
    // completeSignIn exchanges the code once per page load, however often this effect runs.
    auth.completeSignIn().then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (error: unknown) => {
        if (error instanceof AuthProblemError && error.afterReload) {
          // The silent bounce after a reload failed: start over signed out rather than loop.
          return navigate('/', { replace: true });
        }
        const problem = error instanceof AuthProblemError ? error.problem : toAuthProblem(error);
        setFailure(describeSignInProblem(problem));
      },
    );
  }, [auth, navigate]);

  if (!failure) {
    return (
      <main className="centered-page" aria-busy="true">
        <p role="status">Signing you in…</p>
      </main>
    );
  }
  return (
    <main className="centered-page" role="alert">
      <h1>{failure.title}</h1>
      <p>{failure.detail}</p>
      <p>
        <button type="button" className="primary" onClick={() => void auth.signIn('/work')}>
          Try again
        </button>{' '}
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}
