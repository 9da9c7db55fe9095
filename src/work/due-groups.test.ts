import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../workfront';
import {
  dueGroupOf,
  dueWordingOf,
  filterWork,
  toWorkListRows,
  weekStartOf,
  type Weekday,
} from './due-groups';

// Wednesday 2026-11-25, 15:00 local time.
const now = new Date(2026, 10, 25, 15, 0);
const at = (day: number, hour = 12) => new Date(2026, 10, day, hour);

function item(id: string, dueDate: Date | null, extra: Partial<WorkItem> = {}): WorkItem {
  return {
    id,
    kind: 'task',
    name: `Item ${id}`,
    status: 'NEW',
    percentComplete: 0,
    priority: 2,
    dueDate,
    project: null,
    ...extra,
  };
}

describe('dueGroupOf', () => {
  it.each([
    [at(24, 23), 'overdue'],
    [at(25, 0), 'today'],
    [at(25, 9), 'today'],
    [at(25, 23), 'today'],
    [at(26, 0), 'this-week'],
    [at(29, 23), 'this-week'],
    [at(30, 0), 'later'],
    [null, 'no-date'],
  ] as const)('puts %s in %s, in a week that starts on Monday', (due, group) => {
    expect(dueGroupOf(due, now, 1)).toBe(group);
  });

  // Sunday 2026-11-22 to Saturday 2026-11-28, and the week starts of en-US (Sunday), zh-CN and
  // en-GB (Monday) and ar-EG (Saturday).
  const days = [22, 23, 24, 25, 26, 27, 28].map((day) => new Date(2026, 10, day, 10));
  describe.each([0, 1, 6] as Weekday[])('with weeks starting on day %i', (weekStart) => {
    it.each(days)('on %s, "this week" runs from tomorrow to the last day of the week', (today) => {
      const lastDay = (weekStart + 6) % 7;
      const daysLeft = (lastDay - today.getDay() + 7) % 7;
      const dayAfter = (offset: number) =>
        new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset, 9);
      for (let offset = 1; offset <= daysLeft; offset++) {
        expect(dueGroupOf(dayAfter(offset), today, weekStart)).toBe('this-week');
      }
      expect(dueGroupOf(dayAfter(daysLeft + 1), today, weekStart)).toBe('later');
      expect(dueGroupOf(dayAfter(0), today, weekStart)).toBe('today');
      expect(dueGroupOf(dayAfter(-1), today, weekStart)).toBe('overdue');
    });
  });
});

describe('weekStartOf', () => {
  it.each([
    ['en-US', 0],
    ['en-GB', 1],
    ['zh-CN', 1],
    ['de-DE', 1],
  ] as const)("takes the week's first day from %s", (locale, weekStart) => {
    expect(weekStartOf(locale)).toBe(weekStart);
  });

  it('falls back to Monday for a locale it cannot read', () => {
    expect(weekStartOf('not a locale!')).toBe(1);
  });
});

describe('dueWordingOf', () => {
  it.each([
    [at(20, 23), { type: 'overdue', days: 5 }],
    [at(24, 23), { type: 'overdue', days: 1 }],
    [at(25, 0), { type: 'today' }],
    [at(25, 23), { type: 'today' }],
    [at(26, 0), { type: 'tomorrow' }],
    [at(27, 9), { type: 'date', date: at(27, 9) }],
  ] as const)('words %s as %o', (due, wording) => {
    expect(dueWordingOf(due, now)).toEqual(wording);
  });

  it('counts calendar days across a change of daylight saving time', () => {
    // Whatever the zone, 30 days after 2026-03-01 is 2026-03-31 as a date.
    expect(dueWordingOf(new Date(2026, 2, 1, 9), new Date(2026, 2, 31, 20))).toEqual({
      type: 'overdue',
      days: 30,
    });
  });
});

describe('toWorkListRows', () => {
  it('lists groups in order with their counts, and skips empty ones', () => {
    const rows = toWorkListRows(
      [item('a', at(28)), item('b', null), item('c', at(20)), item('d', at(27))],
      now,
      1,
    );
    expect(
      rows.map((row) => (row.type === 'group' ? `${row.group}:${row.count}` : row.item.id)),
    ).toEqual(['overdue:1', 'c', 'this-week:2', 'd', 'a', 'no-date:1', 'b']);
  });

  it('orders each group due first, whatever order Workfront sent', () => {
    const rows = toWorkListRows(
      [item('late', at(29, 18)), item('none', null), item('soon', at(26)), item('mid', at(28))],
      now,
      1,
    );
    expect(rows.flatMap((row) => (row.type === 'item' ? [row.item.id] : []))).toEqual([
      'soon',
      'mid',
      'late',
      'none',
    ]);
  });
});

describe('filterWork', () => {
  const items = [
    item('a', null, { name: 'Launch plan', status: 'INP' }),
    item('b', null, { name: '设计评审', status: 'NEW', project: { id: 'p', name: 'Launch' } }),
    item('c', null, { name: 'Budget', status: 'INP:A' }),
  ];

  it('matches text in the name or the project, ignoring case', () => {
    expect(filterWork(items, { text: 'launch', status: '' }).map((i) => i.id)).toEqual(['a', 'b']);
    expect(filterWork(items, { text: '评审', status: '' }).map((i) => i.id)).toEqual(['b']);
  });

  it('matches a status exactly, custom ones included', () => {
    expect(filterWork(items, { text: '', status: 'INP' }).map((i) => i.id)).toEqual(['a']);
    expect(filterWork(items, { text: '', status: 'INP:A' }).map((i) => i.id)).toEqual(['c']);
  });

  it('returns the same list when no filter is set', () => {
    expect(filterWork(items, { text: ' ', status: '' })).toBe(items);
  });
});
