import { defineMessages } from '../i18n/catalog';

/** "Check this Workfront", in a catalog of its own: it loads with the check, not the inspector. */
export const instanceCheckMessages = defineMessages('inspector/instance-check-messages', {
  title: 'Check this Workfront',
  intro:
    'Asks this Workfront a few read-only questions about what its documentation leaves open, and says what the app does about each answer. If this tab has not refreshed yet, the check refreshes once, as "Refresh now" does, to see whether the refresh token rotates. The profile holds no token, code, user name, ID or work data.',
  run: 'Check this Workfront',
  signInFirst: 'Sign in to check this Workfront.',
  'step.signIn': 'reading what the sign-in showed',
  'step.tokenEndpoint': 'asking the token endpoint',
  'step.refresh': 'refreshing once, to see rotation',
  'step.apiCors': 'calling the API directly',
  'step.bearerAccepted': 'calling the API with Authorization: Bearer',
  'step.authError': 'calling the API with an invalid session',
  'step.myWork': 'paging through My work',
  'step.apiVersions': 'calling each API version',
  'step.issueStatuses': 'reading the issue statuses',
  checking: 'Checking this Workfront: {step}…',
  failed: 'The check stopped: {reason}',
});
