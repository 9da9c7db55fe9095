import type { Translation } from '../i18n/catalog';
import type { messages } from './signed-out-messages';

export default {
  id: 'landing/signed-out-messages',
  messages: {
    signedOut: '您已退出本应用。',
    stillSignedIn:
      '您在此浏览器中仍登录着 Workfront，因此“使用 Workfront 登录”会直接让您重新进入，无需密码。在共用的电脑上，请同时退出 Workfront。',
    signOutOfWorkfront: '退出 Workfront',
    noSignOutLink: '为此，请在 Workfront 中退出登录，或关闭浏览器。',
  },
} satisfies Translation<typeof messages>;
