import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'projects/messages',
  messages: {
    title: '项目',
    intro: '您负责的项目，以及有分配给您的工作的项目。',
    loading: '正在加载项目',
    what: '项目',
    empty:
      '您没有负责任何项目，也没有参与任何项目的工作。您在 Workfront 中加入的项目会显示在这里。',
    owner: '负责人：{name}',
    due: '截止 {date}',
    back: '← 项目',
    loadingProject: '正在加载项目',
    whatProject: '此项目',
    status: '状态',
    complete: '完成度',
    ownerLabel: '负责人',
    nobody: '无',
    plannedCompletion: '计划完成日期',
    notSet: '未设置',
    tasks: '任务',
    loadingTasks: '正在加载任务',
    whatTasks: '任务',
    noTasks: '此项目没有任务。',
  },
} satisfies Translation<typeof messages>;
