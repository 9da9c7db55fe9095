import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../workfront';
import { dueGroupOf, filterWork, toWorkListRows } from './due-groups';

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
  ] as const)('puts %s in %s', (due, group) => {
    expect(dueGroupOf(due, now)).toBe(group);
  });

  it('has no "this week" left on a Sunday', () => {
    const sunday = new Date(2026, 10, 29, 10);
    expect(dueGroupOf(new Date(2026, 10, 30, 9), sunday)).toBe('later');
  });
});

describe('toWorkListRows', () => {
  it('lists groups in order with their counts, and skips empty ones', () => {
    const rows = toWorkListRows(
      [item('a', at(28)), item('b', null), item('c', at(20)), item('d', at(27))],
      now,
    );
    expect(
      rows.map((row) => (row.type === 'group' ? `${row.group}:${row.count}` : row.item.id)),
    ).toEqual(['overdue:1', 'c', 'this-week:2', 'd', 'a', 'no-date:1', 'b']);
  });

  it('orders each group due first, whatever order Workfront sent', () => {
    const rows = toWorkListRows(
      [item('late', at(29, 18)), item('none', null), item('soon', at(26)), item('mid', at(28))],
      now,
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
