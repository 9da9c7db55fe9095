import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages({
  en: { signingIn: 'Signing you in…' },
  'zh-CN': { signingIn: '正在为您登录…' },
});
