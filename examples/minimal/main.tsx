/**
 * The smallest app on the kit: sign in to Workfront, say who is signed in, sign out. It imports
 * the kit's surfaces only (src/auth, the Workfront client and its errors, the configuration).
 */
import { StrictMode, useEffect, useReducer, useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as kit from '../../src/auth';
import { loadAppConfig } from '../../src/config/app-config';
import * as api from '../../src/workfront/workfront-client';
import { WorkfrontApiError } from '../../src/workfront/workfront-errors';

const root = createRoot(document.getElementById('root') as HTMLElement);

/** A failed sign-in, in words. React writes Workfront's own words as text, never as HTML. */
function describe(error: unknown): string {
  if (!(error instanceof kit.AuthProblemError)) return `The sign-in failed: ${String(error)}`;
  const { problem } = error;
  if (problem.kind === 'access-denied') return 'You did not allow this app on Workfront’s page.';
  if (problem.kind === 'authorization-error' || problem.kind === 'token-error')
    return `Workfront refused the sign-in: ${problem.error} ${problem.description ?? ''}`;
  if (problem.kind === 'network') return 'Workfront could not be reached.';
  return `The sign-in did not complete (${problem.kind}).`;
}

/** "Who am I": `$$USER.ID` stands for the signed-in user, so one request answers it. */
function WhoAmI({ workfront }: { workfront: api.WorkfrontClient }) {
  const [me, setMe] = useState<{ name: string; emailAddr: string } | Error>();
  const [attempt, retry] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const call = new AbortController(); // StrictMode runs this twice: the first answer is dropped
    workfront.get('user/search', { ID: '$$USER.ID', fields: 'emailAddr' }, call.signal).then(
      (users) => {
        setMe((users as { name: string; emailAddr: string }[])[0] ?? new Error('No user.'));
      },
      (error: unknown) => {
        if (!call.signal.aborted) setMe(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      call.abort();
    };
  }, [workfront, attempt]);
  if (me === undefined) return <p role="status">Asking Workfront who you are…</p>;
  if (!(me instanceof Error))
    return (
      <p>
        Signed in as <strong data-testid="user-name">{me.name}</strong>,{' '}
        <span data-testid="user-email">{me.emailAddr}</span>
      </p>
    );
  // A WorkfrontApiError says what Workfront answered: refused, too slow, unavailable…
  const said = me instanceof WorkfrontApiError ? me.message : 'Workfront’s answer made no sense.';
  return (
    <p role="alert">
      {said} <button onClick={retry}>Retry</button>
    </p>
  );
}

function App({ workfront, onCallback }: { workfront: api.WorkfrontClient; onCallback: boolean }) {
  const auth = kit.useAuthClient();
  const state = kit.useAuthState();
  // A failed sign-in, kept as its description: `fail` takes the error.
  const [problem, fail] = useReducer((_: string | undefined, e: unknown) => describe(e), undefined);
  // The callback document (src/auth/page/callback-document.ts) spends the code before this app loads,
  // and sends a success on to the return path: here, on the callback path, the sign-in failed.
  useEffect(() => {
    if (onCallback) auth.completeSignIn().catch(fail);
  }, [auth, onCallback]);
  // Back to /me: after a reload there the client may bounce through Workfront for the session,
  // where "/", the start page, never bounces (it is where a user goes when something is wrong).
  const signIn = () => void auth.signIn('/me').catch(fail);

  if (state.status === 'signed-in')
    return (
      <main>
        <h1>Workfront: who am I</h1>
        <WhoAmI workfront={workfront} />
        <button onClick={() => void auth.signOut()}>Sign out</button>
      </main>
    );
  return (
    <main role={problem ? 'alert' : undefined}>
      <h1>{problem ? 'Not signed in' : 'Workfront: who am I'}</h1>
      {problem && <p>{problem}</p>}
      {state.reason === 'session-ended' && <p>Your Workfront session ended. Sign in again.</p>}
      {/* Sign-out ends this app's tokens, not Workfront's own session in this browser. */}
      {state.reason === 'signed-out' && <p>Signed out. Workfront itself may still know you.</p>}
      <button onClick={signIn}>{problem ? 'Try again' : 'Sign in with Workfront'}</button>
      {problem && <a href="/">Start over</a>}
    </main>
  );
}

async function start() {
  // config.json names the instance, the client ID and the redirect path: one build serves any.
  const config = await loadAppConfig();
  // The page's side of the kit; the tokens stay in the vault, a worker this page cannot read.
  const auth = kit.createAuthClient(config, { openVault: kit.openVault });
  // Each API call goes through the vault, which adds the token; a refusal refreshes once.
  const workfront = api.createWorkfrontClient(api.workfrontApiBase(config), auth);
  // After a reload the shared vault may still hold the session; else the "was signed in" flag
  // has the client bounce through Workfront, whose own session makes that a redirect, no prompt.
  if ((await auth.afterReload(location.pathname + location.search)) === 'bouncing') return;
  root.render(
    <StrictMode>
      <kit.AuthProvider client={auth}>
        <App workfront={workfront} onCallback={location.pathname === config.redirectPath} />
      </kit.AuthProvider>
    </StrictMode>,
  );
}

// A wrong config.json, say, or a vault that would not start: never a blank page.
start().catch((error: unknown) => {
  root.render(
    <p role="alert">
      The app could not start: {String(error)} <a href="/">Reload</a>
    </p>,
  );
});
