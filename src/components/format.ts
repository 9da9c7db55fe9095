const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent' });

export const formatDate = (date: Date) => dateFormat.format(date);
export const formatDateTime = (date: Date) => dateTimeFormat.format(date);
export const formatTime = (date: Date) => timeFormat.format(date);
export const formatPercent = (percent: number) => percentFormat.format(percent / 100);

const statusLabels: Record<string, string> = {
  NEW: 'New',
  INP: 'In progress',
  CPL: 'Complete',
  CUR: 'Current',
  PLN: 'Planning',
  DED: 'Dead',
  ONH: 'On hold',
};

/** Workfront's status codes in words; custom statuses such as INP:A keep their code. */
export const statusLabel = (code: string) => statusLabels[code] ?? code;

const priorityLabels = ['None', 'Low', 'Normal', 'High', 'Urgent'];
export const priorityLabel = (priority: number) => priorityLabels[priority] ?? String(priority);
