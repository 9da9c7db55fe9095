import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('session/messages', {
  title: 'Session',
  storyLabel: 'How signing in with PKCE works',
  'story.secret':
    'When you sign in, the app makes a one-time secret, the PKCE verifier, and sends Workfront only its SHA-256 hash, the code challenge.',
  'story.code':
    'Workfront signs you in and sends the browser back to this address, {redirect}, with a one-time authorization code.',
  'story.exchange':
    'The app proves it holds the secret by sending the verifier with the code to Workfront’s token endpoint, and gets the tokens in exchange; they stay in the token vault, a worker that page script cannot read.',
  current: 'Current session',
  signedInBefore: 'Signed in. The access token expires in',
  signedInAfter: '; the app refreshes it 30 seconds before.',
  refreshNow: 'Refresh now',
  signedOut: 'Signed out.',
  fingerprints:
    'Tokens are never shown: each appears as the first 8 hex digits of its SHA-256, enough to see rotation happen.',
  vaultShared:
    'The tokens live in the shared token vault, a worker that page script cannot read; tabs sharing it: {tabs}.',
  vaultPerTab:
    'The tokens live in this tab’s token vault, a worker that page script cannot read (this browser has no SharedWorker).',
  vaultUser: 'Workfront user ID, as the vault was told it: {id}.',
  timeline: 'Timeline',
  timelineLabel: 'OAuth timeline',
  empty: 'Nothing yet in this tab. Sign in to watch the flow.',
  authorizeTitle: 'Authorize request',
  authorizeSentTo: 'The browser went to {endpoint} with:',
  'authorize.client_id': 'Which OAuth2 application asks: the client ID from Workfront’s settings.',
  'authorize.redirect_uri':
    'Where Workfront sends the browser back; it must match a registered URL exactly.',
  'authorize.response_type': '"code": the Authorization Code flow.',
  'authorize.scope': '"offline_access" asks for a refresh token.',
  'authorize.state':
    'A random value Workfront echoes back, so the app knows the answer is to its request.',
  'authorize.code_challenge': 'SHA-256 of the secret verifier. Only this tab can later prove it.',
  'authorize.code_challenge_method': '"S256", the only method Workfront takes.',
  callbackTitle: 'Callback',
  callbackIntro: 'Workfront sent the browser back with:',
  'callback.code': 'The authorization code: single use, valid for two minutes. Shown in part.',
  'callback.domain': 'Your Workfront domain.',
  'callback.lane': 'Your Workfront lane (e.g. preview or production).',
  'callback.state': 'The value the app sent, echoed back.',
  'callback.error': 'Why Workfront did not issue a code.',
  'callback.error_description': 'Workfront’s explanation.',
  proofTitle: 'PKCE proof',
  proofVerifier: 'The verifier, shown now that the code is spent:',
  proofVerifierForgotten: '(forgotten at sign-out)',
  proofComputed: 'SHA-256 of it, base64url:',
  proofSent: 'Challenge sent:',
  proofMatch: '✓ they match',
  proofMismatch: '✗ they differ',
  exchangeSucceeded: 'Token exchange succeeded',
  exchangeFailed: 'Token exchange failed',
  accessToken: 'access token',
  refreshToken: 'refresh token',
  noneIssued: 'none issued',
  seconds: '{count} s',
  noScope: '(none)',
  refreshSucceeded: 'Refresh succeeded',
  refreshFailed: 'Refresh failed',
  refreshWhy: 'Why: {reason}.',
  'reason.expiring': 'the access token was about to expire',
  'reason.rejected-by-workfront':
    'Workfront refused the session on an API call; the call was retried',
  'reason.manual': 'you asked for it',
  'reason.resumed':
    'the tab came back (visible again, or online) with the token expired or expiring',
  'reason.instance-check':
    '"Check this Workfront" asked for it, to see whether the refresh token rotates',
  rotated: '(rotated: the old one no longer works)',
  notRotated: '(not rotated)',
  revokedTitle: 'Refresh token revoked',
  revokedBody: 'Workfront revoked the refresh token, and every token issued with it.',
  revokeFailedTitle: 'Refresh token not revoked',
  revokeFailedBody:
    'The revoke request failed ({reason}); the sign-out went ahead. The refresh token stays valid at Workfront until it expires.',
  signedOutTitle: 'Signed out',
  'signedOut.this-tab':
    'Signed out in this tab: the tokens were revoked and the API session ended. Workfront’s own sign-in in this browser goes on.',
  'signedOut.other-tab': 'Signed out because another tab signed out.',
  'signedOut.session-ended': 'The Workfront session ended (the refresh token was refused).',
  whatIfTitle: 'What if…',
  whatIfIntro: 'These ask the local emulator to misbehave, so you can watch the app recover.',
  done: 'Done. {next}',
  refused: 'The emulator did not take it: {reason}',
  'expireAccess.label': 'Expire the access token',
  'expireAccess.next':
    'Open Projects: Workfront refuses the next call, the app refreshes and retries it.',
  'expireAbsolute.label': 'Expire the refresh token (absolute)',
  'expireInactivity.label': 'Expire the refresh token (inactivity)',
  'expireRefresh.next':
    'Press "Refresh now": the session ends and the app asks you to sign in again.',
  'revoke.label': 'Revoke the session',
  'revoke.next': 'Open Projects: the call and the refresh are refused, and the session ends.',
  'fail503.label': 'Fail the next refresh with a 503',
  'fail503.next': 'Press "Refresh now": the first try fails, the retry a second later succeeds.',
  'dropState.label': 'Drop state from redirects',
  'dropState.next': 'Sign out and in again: the app matches the answer to its one pending sign-in.',
  'bearer.label': 'Switch token_type to Bearer',
  'sessionID.label': 'Switch token_type to sessionID',
  'tokenType.next':
    'Press "Refresh now": the new token_type shows in the timeline; the API still works.',
});
