import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'landing/messages',
  messages: {
    title: '您在 Workfront 中的工作，一目了然',
    intro: '使用您的 Workfront 帐户登录，查看分配给您的任务和问题。',
    continue: '登录后继续前往您要去的页面。',
    signIn: '使用 Workfront 登录',
    redirecting: '正在跳转到 Workfront…',
    couldNotStart: '无法开始登录：{reason}',
    notReached: '无法开始登录：应用无法连接其登录工作线程。请重新加载页面。',
    otherConfiguration:
      '无法开始登录：此应用的另一个已打开标签页使用的是旧配置。请关闭或重新加载此应用的其他标签页，然后重新登录。',
    otherRelease:
      '无法开始登录：此标签页运行的应用版本与其他已打开的标签页不同。请重新加载此标签页，然后重新登录。',
  },
} satisfies Translation<typeof messages>;
