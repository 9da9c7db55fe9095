import { Link } from 'react-router';
import type { AuthProblem } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { problemMessages } from './problem-messages';

/** Why the sign-in failed, in the user's words, and a way forward. */
export function SignInProblem({
  problem,
  onTryAgain,
}: {
  problem: AuthProblem;
  onTryAgain: () => void;
}) {
  const t = useMessages(problemMessages);
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
      case 'vault-mismatch':
        return t(`vault-mismatch.${problem.with}`);
      case 'state-mismatch':
        return problem.detail === 'missing-state' || problem.detail === 'expired'
          ? t(`state-mismatch.${problem.detail}`)
          : t('state-mismatch.detail');
      default:
        return t(`${problem.kind}.detail`);
    }
  })();

  return (
    <main className="centered-page" role="alert">
      <h1>{t(`${problem.kind}.title`)}</h1>
      <p>{detail}</p>
      <p>
        <button type="button" className="primary" onClick={onTryAgain}>
          {t('tryAgain')}
        </button>{' '}
        <Link to="/">{t('toStart')}</Link>
      </p>
    </main>
  );
}
