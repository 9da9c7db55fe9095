import type { WorkItem } from '../workfront';

export type DueGroup = 'overdue' | 'today' | 'this-week' | 'later' | 'no-date';

const groupOrder: DueGroup[] = ['overdue', 'today', 'this-week', 'later', 'no-date'];

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Which group a due date falls in, in the user's time zone. Weeks end on Sunday. */
export function dueGroupOf(dueDate: Date | null, now: Date): DueGroup {
  if (!dueDate) return 'no-date';
  const today = startOfDay(now);
  if (dueDate < today) return 'overdue';
  const tomorrow = addDays(today, 1);
  if (dueDate < tomorrow) return 'today';
  const daysToMonday = (8 - today.getDay()) % 7 || 7;
  return dueDate < addDays(today, daysToMonday) ? 'this-week' : 'later';
}

export type WorkListRow =
  { type: 'group'; group: DueGroup; count: number } | { type: 'item'; item: WorkItem };

/**
 * Flattens the items into group headers and rows, in group order and due first within each, for a
 * virtual list. The order is the app's own: Workfront may ignore `_Sort` on `work/myWork`.
 */
export function toWorkListRows(items: readonly WorkItem[], now: Date): WorkListRow[] {
  const groups = new Map<DueGroup, WorkItem[]>(groupOrder.map((group) => [group, []]));
  const dueFirst = items.toSorted(
    (a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity),
  );
  for (const item of dueFirst) groups.get(dueGroupOf(item.dueDate, now))?.push(item);
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
