import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages({
  en: {
    title: 'Your Workfront work, in one place',
    intro: 'Sign in with your Workfront account to see the tasks and issues assigned to you.',
    signedOut: 'You are signed out.',
    continue: 'Sign in to continue where you were going.',
    signIn: 'Sign in with Workfront',
    redirecting: 'Redirecting to Workfront…',
    couldNotStart: 'Sign-in could not start: {reason}',
  },
  'zh-CN': {
    title: '您在 Workfront 中的工作，一目了然',
    intro: '使用您的 Workfront 帐户登录，查看分配给您的任务和问题。',
    signedOut: '您已退出登录。',
    continue: '登录后继续前往您要去的页面。',
    signIn: '使用 Workfront 登录',
    redirecting: '正在跳转到 Workfront…',
    couldNotStart: '无法开始登录：{reason}',
  },
});
