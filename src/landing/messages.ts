import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('landing/messages', {
  title: 'Your Workfront work, in one place',
  intro: 'Sign in with your Workfront account to see the tasks and issues assigned to you.',
  signedOut: 'You are signed out.',
  continue: 'Sign in to continue where you were going.',
  signIn: 'Sign in with Workfront',
  redirecting: 'Redirecting to Workfront…',
  couldNotStart: 'Sign-in could not start: {reason}',
});
