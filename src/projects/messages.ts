import { defineMessages } from '../i18n/catalog';

export const messages = defineMessages('projects/messages', {
  title: 'Projects',
  intro: 'Projects you own, and projects with work assigned to you.',
  loading: 'Loading projects',
  what: 'Projects',
  empty: 'You own no projects and have no work in any. Projects you join in Workfront appear here.',
  owner: 'Owner: {name}',
  due: 'Due {date}',
  back: '← Projects',
  loadingProject: 'Loading the project',
  whatProject: 'This project',
  status: 'Status',
  complete: 'Complete',
  ownerLabel: 'Owner',
  nobody: 'Nobody',
  plannedCompletion: 'Planned completion',
  notSet: 'Not set',
  tasks: 'Tasks',
  loadingTasks: 'Loading tasks',
  whatTasks: 'Tasks',
  noTasks: 'This project has no tasks.',
});
