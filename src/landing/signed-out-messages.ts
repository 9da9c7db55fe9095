import { defineMessages } from '../i18n/catalog';

/** The signed-out page's note: what signing out of the app does not end. */
export const messages = defineMessages('landing/signed-out-messages', {
  signedOut: 'You are signed out of this app.',
  stillSignedIn:
    'You are still signed in to Workfront in this browser, so “Sign in with Workfront” takes you straight back in, without a password. On a shared computer, sign out of Workfront too.',
  signOutOfWorkfront: 'Sign out of Workfront',
  noSignOutLink: 'To do so, sign out in Workfront itself, or close the browser.',
});
