import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'landing/messages',
  messages: {
    title: '您在 Workfront 中的工作，一目了然',
    intro: '使用您的 Workfront 帐户登录，查看分配给您的任务和问题。',
    signedOut: '您已退出登录。',
    continue: '登录后继续前往您要去的页面。',
    signIn: '使用 Workfront 登录',
    redirecting: '正在跳转到 Workfront…',
    couldNotStart: '无法开始登录：{reason}',
  },
} satisfies Translation<typeof messages>;
