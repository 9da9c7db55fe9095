import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('callback/messages', { signingIn: 'Signing you in…' });
