import type { WorkItem } from '../workfront';

export type DueGroup = 'overdue' | 'today' | 'this-week' | 'later' | 'no-date';

const groupOrder: DueGroup[] = ['overdue', 'today', 'this-week', 'later', 'no-date'];

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** A day of the week as `Date.getDay()` counts it: 0 is Sunday, 1 Monday, and so on. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The day a week starts on where the user is (`locale` as the browser names it, e.g. en-US:
 * Sunday, en-GB and zh-CN: Monday). Intl's week info (getWeekInfo, or weekInfo in older engines)
 * says it; an engine without either gets ISO 8601's Monday.
 */
export function weekStartOf(locale: string): Weekday {
  try {
    const intl = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = (intl.getWeekInfo?.() ?? intl.weekInfo)?.firstDay ?? 1;
    return (firstDay % 7) as Weekday;
  } catch {
    return 1;
  }
}

/**
 * Which group a due date falls in, in the user's time zone: "this week" runs from tomorrow to the
 * end of the week that began on `weekStart`.
 */
export function dueGroupOf(dueDate: Date | null, now: Date, weekStart: Weekday): DueGroup {
  if (!dueDate) return 'no-date';
  const today = startOfDay(now);
  if (dueDate < today) return 'overdue';
  const tomorrow = addDays(today, 1);
  if (dueDate < tomorrow) return 'today';
  const daysToNextWeek = (weekStart - today.getDay() + 7) % 7 || 7;
  return dueDate < addDays(today, daysToNextWeek) ? 'this-week' : 'later';
}

/** How a row words a due date: days overdue, today, tomorrow, or the date itself. */
export type DueWording =
  { type: 'overdue'; days: number } | { type: 'today' | 'tomorrow' } | { type: 'date'; date: Date };

export function dueWordingOf(dueDate: Date, now: Date): DueWording {
  const today = startOfDay(now);
  // Whole calendar days, by dates, not by 24-hour spans (a daylight saving change is 23 or 25 h).
  const day = startOfDay(dueDate);
  const days = Math.round(
    (Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()) -
      Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) /
      86_400_000,
  );
  if (days < 0) return { type: 'overdue', days: -days };
  if (days === 0) return { type: 'today' };
  if (days === 1) return { type: 'tomorrow' };
  return { type: 'date', date: dueDate };
}

export type WorkListRow =
  { type: 'group'; group: DueGroup; count: number } | { type: 'item'; item: WorkItem };

/**
 * Flattens the items into group headers and rows, in group order and due first within each, for a
 * virtual list. The order is the app's own: Workfront may ignore `_Sort` on `work/myWork`.
 */
export function toWorkListRows(
  items: readonly WorkItem[],
  now: Date,
  weekStart: Weekday,
): WorkListRow[] {
  const groups = new Map<DueGroup, WorkItem[]>(groupOrder.map((group) => [group, []]));
  const dueFirst = items.toSorted(
    (a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity),
  );
  for (const item of dueFirst) groups.get(dueGroupOf(item.dueDate, now, weekStart))?.push(item);
  return groupOrder.flatMap((group) => {
    const members = groups.get(group) ?? [];
    if (members.length === 0) return [];
    return [
      { type: 'group', group, count: members.length } as const,
      ...members.map((item) => ({ type: 'item', item }) as const),
    ];
  });
}

export interface WorkFilter {
  text: string;
  /** A status code, or '' for all. */
  status: string;
}

export function filterWork(items: readonly WorkItem[], filter: WorkFilter): readonly WorkItem[] {
  const text = filter.text.trim().toLocaleLowerCase();
  if (!text && !filter.status) return items;
  return items.filter(
    (item) =>
      (!filter.status || item.status === filter.status) &&
      (!text ||
        item.name.toLocaleLowerCase().includes(text) ||
        (item.project?.name.toLocaleLowerCase().includes(text) ?? false)),
  );
}
