import { defineMessages } from '../i18n/catalog';

/** The notice that another user is signed in now (user-changed-notice.tsx). */
export const messages = defineMessages('app/user-changed-messages', {
  userChanged:
    'You are now signed in as {name}. The user signed in here before was signed out, and their unsaved changes were removed.',
  userChangedUnnamed:
    'You are now signed in as another user. The user signed in here before was signed out, and their unsaved changes were removed.',
  understood: 'OK',
});
