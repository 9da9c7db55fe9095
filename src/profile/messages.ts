import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('profile/messages', {
  title: 'Profile',
  loading: 'Loading your profile',
  what: 'Your profile',
  name: 'Name',
  jobTitle: 'Title',
  email: 'Email',
  id: 'Workfront ID',
  notSet: 'Not set',
});
