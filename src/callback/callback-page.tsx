import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuthClient, AuthProblemError, type AuthProblem } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

// In the callback's own chunk (src/app/screens.ts): an app shows this page only when a sign-in
// failed, or when no sign-in came back; a sign-in that succeeds lands at its return path.
import { SignInProblem } from './sign-in-problem';

export function CallbackPage() {
  const auth = useAuthClient();
  const navigate = useNavigate();
  const t = useMessages(messages);
  const [problem, setProblem] = useState<AuthProblem | null>(null);

  useEffect(() => {
    // The callback document (src/auth/page/callback-document.ts) exchanged the code before this app
    // loaded; completeSignIn tells how it went. If the user has left this page meanwhile (a link
    // in the header), stay where they went.
    let left = false;
    auth.completeSignIn().then(
      (returnTo) => {
        if (!left) void navigate(returnTo, { replace: true });
      },
      (error: unknown) => {
        if (left) return;
        if (error instanceof AuthProblemError && error.afterReload) {
          // The silent bounce after a reload failed: start over signed out rather than loop.
          void navigate('/', { replace: true });
          return;
        }
        setProblem(
          error instanceof AuthProblemError
            ? error.problem
            : { kind: 'unexpected', detail: String(error) },
        );
      },
    );
    return () => {
      left = true;
    };
  }, [auth, navigate]);

  const signingIn = (
    <main className="centered-page" aria-busy="true">
      <p role="status">{t('signingIn')}</p>
    </main>
  );
  if (!problem) return signingIn;
  return <SignInProblem problem={problem} onTryAgain={() => void auth.signIn('/work')} />;
}
