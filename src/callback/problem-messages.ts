import { defineMessages } from '../i18n/catalog';

/** What each sign-in failure means to the user. Workfront's words are shown as text, never HTML. */
export const problemMessages = defineMessages('callback/problem-messages', {
  tryAgain: 'Try again',
  toStart: 'Go to the start page',
  workfrontSaid: 'Workfront said: {error}.',
  workfrontSaidMore: 'Workfront said: {error} ({description}).',
  'access-denied.title': 'Access was not allowed',
  'access-denied.detail':
    'You chose not to let this app use your Workfront account. Nothing was shared.',
  'authorization-error.title': 'Workfront refused the sign-in',
  'state-mismatch.title': 'This sign-in response does not belong to this tab',
  'state-mismatch.detail':
    'It may have been used already, started in another tab, or changed on the way. Sign in again from here.',
  'state-mismatch.missing-state':
    'Workfront’s answer came back without the state this sign-in sent, so it cannot be matched to it. Sign in again from here. If this happens every time, your Workfront does not echo state: see stateEcho in docs/connect-workfront.md.',
  'state-mismatch.expired':
    'The sign-in it would answer was started more than ten minutes ago, and the answer carries no state to prove it belongs to it. Sign in again from here.',
  'not-a-callback.title': 'There is no sign-in to finish',
  'not-a-callback.detail':
    'This page finishes a sign-in with Workfront, but no sign-in response was found.',
  'code-rejected.title': 'The sign-in code was not accepted',
  'code-rejected.detail':
    'Sign-in codes are valid for two minutes and only once. This one expired or was already used.',
  'token-error.title': 'Workfront did not issue a session',
  'invalid-token-response.title': 'Workfront sent an answer this app cannot read',
  'invalid-token-response.detail': 'A proxy or server in between may have failed. ({detail})',
  'vault-mismatch.title': 'This tab must load again',
  'vault-mismatch.configuration':
    'Another open tab of this app runs an older configuration. Close or reload the other tabs of this app, then sign in again.',
  'vault-mismatch.release':
    'This tab runs another release of the app than its other open tabs. Reload this tab, then sign in again.',
  'network.title': 'Workfront could not be reached',
  'network.detail': 'Check your connection, then try again.',
  'signed-out.title': 'You are signed out',
  'signed-out.detail': 'Sign in to continue.',
  'unexpected.title': 'Sign-in failed',
});
