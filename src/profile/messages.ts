import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages({
  en: {
    title: 'Profile',
    loading: 'Loading your profile',
    what: 'Your profile',
    name: 'Name',
    jobTitle: 'Title',
    email: 'Email',
    id: 'Workfront ID',
    notSet: 'Not set',
  },
  'zh-CN': {
    title: '个人资料',
    loading: '正在加载您的个人资料',
    what: '您的个人资料',
    name: '姓名',
    jobTitle: '职位',
    email: '电子邮件',
    id: 'Workfront ID',
    notSet: '未设置',
  },
});
