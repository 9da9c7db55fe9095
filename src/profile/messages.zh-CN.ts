import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'profile/messages',
  messages: {
    title: '个人资料',
    loading: '正在加载您的个人资料',
    what: '您的个人资料',
    name: '姓名',
    jobTitle: '职位',
    email: '电子邮件',
    id: 'Workfront ID',
    notSet: '未设置',
  },
} satisfies Translation<typeof messages>;
