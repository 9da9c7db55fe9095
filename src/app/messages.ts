import { defineMessages } from '../i18n/catalog';

/** The app shell: layout, navigation, guards and last-resort screens. */
export const messages = defineMessages('app/messages', {
  brand: 'Workfront',
  skipToContent: 'Skip to content',
  mainNavigation: 'Main',
  myWork: 'My work',
  projects: 'Projects',
  profile: 'Profile',
  signOut: 'Sign out',
  menu: 'Menu',
  language: 'Language',
  offline:
    'You are offline. What you see may be out of date; it will refresh when you are back online.',
  restoring: 'Restoring your Workfront session…',
  sessionEndedTitle: 'Your Workfront session ended, sign in again',
  sessionEndedText: 'For your security, Workfront sessions expire. Your place in the app is kept.',
  signInAgain: 'Sign in again',
  toStart: 'Go to the start page',
  errorTitle: 'Something went wrong',
  reload: 'Reload',
  loadFailed: 'The app could not load its code. Check your connection, then reload.',
});
