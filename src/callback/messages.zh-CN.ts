import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'callback/messages',
  messages: { signingIn: '正在为您登录…' },
} satisfies Translation<typeof messages>;
