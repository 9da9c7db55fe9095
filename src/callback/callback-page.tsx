import { use, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataLayerContext } from '../app/data-layer-context';
import { screens } from '../app/router';
import { useAuthClient } from '../auth/auth-context';
import { AuthProblemError, toAuthProblem, type AuthProblem } from '../auth/auth-errors';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

export function CallbackPage() {
  const auth = useAuthClient();
  const navigate = useNavigate();
  const t = useMessages(messages);
  const [problem, setProblem] = useState<AuthProblem | null>(null);
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
        setProblem(error instanceof AuthProblemError ? error.problem : toAuthProblem(error));
      },
    );
  }, [auth, navigate]);

  if (!problem) {
    return (
      <main className="centered-page" aria-busy="true">
        <p role="status">{t('signingIn')}</p>
      </main>
    );
  }

  /** Workfront's own words, as text. */
  const workfrontSaid = (error: string, description: string | null) =>
    description ? t('workfrontSaidMore', { error, description }) : t('workfrontSaid', { error });
  const detail = (() => {
    switch (problem.kind) {
      case 'authorization-error':
      case 'token-error':
        return workfrontSaid(problem.error, problem.description);
      case 'invalid-token-response':
        return t('invalid-token-response.detail', { detail: problem.detail });
      case 'unexpected':
        return problem.detail;
      default:
        return t(`${problem.kind}.detail`);
    }
  })();

  return (
    <main className="centered-page" role="alert">
      <h1>{t(`${problem.kind}.title`)}</h1>
      <p>{detail}</p>
      <p>
        <button type="button" className="primary" onClick={() => void auth.signIn('/work')}>
          {t('tryAgain')}
        </button>{' '}
        <Link to="/">{t('toStart')}</Link>
      </p>
    </main>
  );
}
