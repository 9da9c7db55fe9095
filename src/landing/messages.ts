import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('landing/messages', {
  title: 'Your Workfront work, in one place',
  intro: 'Sign in with your Workfront account to see the tasks and issues assigned to you.',
  continue: 'Sign in to continue where you were going.',
  signIn: 'Sign in with Workfront',
  redirecting: 'Redirecting to Workfront…',
  couldNotStart: 'Sign-in could not start: {reason}',
  notReached:
    'Sign-in could not start: the app could not reach its sign-in worker. Reload the page.',
  otherConfiguration:
    'Sign-in could not start: another open tab of this app runs an older configuration. Close or reload the other tabs of this app, then sign in again.',
  otherRelease:
    'Sign-in could not start: this tab runs another release of the app than its other open tabs. Reload this tab, then sign in again.',
});
