import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'app/messages',
  messages: {
    brand: 'Workfront',
    skipToContent: '跳到正文',
    mainNavigation: '主导航',
    myWork: '我的工作',
    projects: '项目',
    profile: '个人资料',
    signOut: '退出登录',
    menu: '菜单',
    language: '语言',
    offline: '您已离线。所见内容可能已过时；恢复联网后会自动刷新。',
    restoring: '正在恢复您的 Workfront 会话…',
    sessionEndedTitle: '您的 Workfront 会话已结束，请重新登录',
    sessionEndedText: '为了您的安全，Workfront 会话会过期。您在应用中的位置会保留。',
    signInAgain: '重新登录',
    toStart: '返回首页',
    errorTitle: '出错了',
    reload: '重新加载',
    loadFailed: '应用无法加载其代码。请检查网络连接，然后重新加载。',
  },
} satisfies Translation<typeof messages>;
