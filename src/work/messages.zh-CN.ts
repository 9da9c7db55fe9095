import type { Translation } from '../i18n/catalog';
import type { messages } from './messages';

export default {
  id: 'work/messages',
  messages: {
    title: '我的工作',
    updating: '正在更新…',
    filter: '筛选',
    filterPlaceholder: '名称或项目',
    status: '状态',
    allStatuses: '全部状态',
    loading: '正在加载您的工作…',
    loadingMore: '已加载 {loaded} 项，正在加载更多…',
    count: '共 {total} 项，显示 {shown} 项',
    what: '您的工作',
    whatRest: '其余工作',
    whatLatest: '最新的工作列表',
    nothingAssigned:
      '目前没有分配给您的工作。当有人在 Workfront 中给您分配任务或问题时，会显示在这里。',
    noMatch: '没有符合此筛选条件的工作。',
    clearFilter: '清除筛选',
    listLabel: '我的工作',
    'group.overdue': '已逾期',
    'group.today': '今天',
    'group.this-week': '本周',
    'group.later': '以后',
    'group.no-date': '无日期',
    task: '任务',
    issue: '问题',
    priority: '优先级：{priority}',
    due: '截止 {date}',
    dueToday: '今天截止',
    dueTomorrow: '明天截止',
    overdueOneDay: '逾期 1 天',
    overdueDays: '逾期 {days} 天',
  },
} satisfies Translation<typeof messages>;
