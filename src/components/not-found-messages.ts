import { defineMessages } from '../i18n/catalog';

/** The page for an address the app has nothing at; it loads with the app shell. */
export const notFoundMessages = defineMessages('components/not-found-messages', {
  title: 'Page not found',
  text: 'There is nothing at this address.',
  toStart: 'Go to the start page',
});
