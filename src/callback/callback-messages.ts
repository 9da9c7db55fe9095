import type { AuthProblem } from '../auth/auth-errors';

export interface ProblemMessage {
  title: string;
  detail: string;
}

/** What each sign-in failure means to the user. Workfront's words are shown as text, never HTML. */
export function describeSignInProblem(problem: AuthProblem): ProblemMessage {
  switch (problem.kind) {
    case 'access-denied':
      return {
        title: 'Access was not allowed',
        detail: 'You chose not to let this app use your Workfront account. Nothing was shared.',
      };
    case 'authorization-error':
      return {
        title: 'Workfront refused the sign-in',
        detail: `Workfront said: ${problem.error}${problem.description ? ` (${problem.description})` : ''}.`,
      };
    case 'state-mismatch':
      return {
        title: 'This sign-in response does not belong to this tab',
        detail:
          'It may have been used already, started in another tab, or changed on the way. Sign in again from here.',
      };
    case 'not-a-callback':
      return {
        title: 'There is no sign-in to finish',
        detail: 'This page finishes a sign-in with Workfront, but no sign-in response was found.',
      };
    case 'code-rejected':
      return {
        title: 'The sign-in code was not accepted',
        detail:
          'Sign-in codes are valid for two minutes and only once. This one expired or was already used.',
      };
    case 'token-error':
      return {
        title: 'Workfront did not issue a session',
        detail: `Workfront said: ${problem.error}${problem.description ? ` (${problem.description})` : ''}.`,
      };
    case 'invalid-token-response':
      return {
        title: 'Workfront sent an answer this app cannot read',
        detail: `A proxy or server in between may have failed. (${problem.detail})`,
      };
    case 'network':
      return {
        title: 'Workfront could not be reached',
        detail: 'Check your connection, then try again.',
      };
    case 'signed-out':
      return { title: 'You are signed out', detail: 'Sign in to continue.' };
    case 'unexpected':
      return { title: 'Sign-in failed', detail: problem.detail };
  }
}
