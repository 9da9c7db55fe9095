import { describe, expect, it } from 'vitest';
import { createWorkfrontData, noteObjectIds } from '../src/workfront/data.ts';
import type { WorkItem } from '../src/workfront/records.ts';
import { isFinished } from '../src/workfront/statuses.ts';
import { dayMs, startOfInstanceDay } from '../src/workfront/workfront-date.ts';

const now = Date.UTC(2026, 2, 24, 18, 0);
const data = createWorkfrontData({ workItems: 40, now });
const [demo] = data.users;
const workItems: WorkItem[] = [...data.tasks, ...data.issues];
const demoItems = workItems.filter((item) => item.assignedToID === demo?.ID);

describe('users', () => {
  it('starts with the demo user, and everyone signs in with "demo"', () => {
    expect(demo).toMatchObject({ emailAddr: 'demo@example.com', password: 'demo' });
    expect(data.users.length).toBeGreaterThanOrEqual(10);
    expect(data.users.every((user) => user.password === 'demo' && user.title !== '')).toBe(true);
  });

  it('finds a user by email whatever the case', () => {
    expect(data.findUserByEmail('DEMO@Example.COM')).toBe(demo);
    expect(data.findUserByEmail('nobody@example.com')).toBeUndefined();
  });

  it('has names in other scripts, with accents, and one very long name', () => {
    const names = data.users.map((user) => user.name);
    expect(names).toContain('小明 李');
    expect(names.some((name) => /[À-ž]/.test(name))).toBe(true);
    expect(names.some((name) => name.length > 80)).toBe(true);
  });
});

describe('work items', () => {
  it('gives the demo user exactly workItems open items, tasks and issues', () => {
    expect(demoItems).toHaveLength(40);
    expect(demoItems.some((item) => isFinished(item.objCode, item.status))).toBe(false);
    expect(new Set(demoItems.map((item) => item.objCode))).toEqual(new Set(['TASK', 'OPTASK']));
    const statusesOf = (objCode: WorkItem['objCode']) =>
      new Set(demoItems.filter((item) => item.objCode === objCode).map((item) => item.status));
    expect(statusesOf('TASK')).toEqual(new Set(['NEW', 'INP', 'INP:A']));
    expect(statusesOf('OPTASK')).toEqual(new Set(['NEW', 'INP', 'INP:R', 'AWF', 'ROP', 'ONH']));
  });

  it('gives colleagues work too, some of it complete, and leaves some unassigned', () => {
    const others = workItems.filter((item) => item.assignedToID !== demo?.ID);
    expect(new Set(others.map((item) => item.assignedToID)).size).toBe(data.users.length);
    expect(others.some((item) => item.status === 'CPL' && item.percentComplete === 100)).toBe(true);
  });

  it('spreads the demo due dates over overdue, today, this week, later and none', () => {
    const today = startOfInstanceDay(now);
    const buckets = new Set(
      demoItems.map(({ plannedCompletionDate: due }) => {
        if (due === null) return 'none';
        if (due < today) return 'overdue';
        if (due < today + dayMs) return 'today';
        if (due < today + 7 * dayMs) return 'this week';
        return 'later';
      }),
    );
    expect(buckets).toEqual(new Set(['overdue', 'today', 'this week', 'later', 'none']));
  });

  it('keeps fields in range and references real records', () => {
    for (const item of workItems) {
      expect(item.priority).toBeGreaterThanOrEqual(0);
      expect(item.priority).toBeLessThanOrEqual(4);
      expect(item.percentComplete).toBeGreaterThanOrEqual(0);
      expect(item.percentComplete).toBeLessThanOrEqual(100);
      if (item.projectID !== null) expect(data.findById(item.projectID)?.objCode).toBe('PROJ');
    }
    expect(data.issues.some((issue) => issue.projectID === null)).toBe(true);
    for (const note of data.notes) {
      expect(data.findById(note.objID ?? '')?.objCode).toBe(note.noteObjCode);
      expect([note.taskID, note.opTaskID, note.projectID]).toContain(note.objID);
      expect(data.findById(note.ownerID)?.objCode).toBe('USER');
    }
  });
});

describe('assignments', () => {
  it('give every assigned item its primary assignee, and some demo items a colleague too', () => {
    for (const item of workItems) {
      const assignments = data.assignments.filter(
        (assignment) => (assignment.taskID ?? assignment.opTaskID) === item.ID,
      );
      const primary = assignments.filter((assignment) => assignment.isPrimary);
      expect(primary.map((assignment) => assignment.assignedToID)).toEqual(
        item.assignedToID === null ? [] : [item.assignedToID],
      );
      expect(
        data.related('ASSGN', item.objCode === 'TASK' ? 'taskID' : 'opTaskID', item.ID),
      ).toEqual(assignments);
    }
    const second = data.assignments.filter((assignment) => !assignment.isPrimary);
    expect(second.length).toBe(8);
    expect(second.every((assignment) => assignment.assignedToID !== demo?.ID)).toBe(true);
  });

  it('seed the new default fields: taskNumber and wbs per project, projected dates', () => {
    const numbers = new Map<string, number[]>();
    for (const task of data.tasks) {
      numbers.set(task.projectID, [...(numbers.get(task.projectID) ?? []), task.taskNumber]);
      expect(task.wbs).toBe(String(task.taskNumber));
      expect(['ON', 'BH', 'LT']).toContain(task.progressStatus);
    }
    for (const list of numbers.values()) {
      expect(list).toEqual(list.map((_, index) => index + 1));
    }
    expect(
      data.projects.every(
        (project) => project.projectedCompletionDate >= project.plannedCompletionDate,
      ),
    ).toBe(true);
  });
});

describe('projects', () => {
  it('uses every project status', () => {
    expect(new Set(data.projects.map((project) => project.status))).toEqual(
      new Set(['CUR', 'PLN', 'CPL', 'DED', 'ONH']),
    );
  });
});

describe('the seed', () => {
  it('is the same for the same options', () => {
    const { users, projects, tasks, issues, notes, assignments } = createWorkfrontData({
      workItems: 40,
      now,
    });
    expect({ users, projects, tasks, issues, notes, assignments }).toEqual({
      users: data.users,
      projects: data.projects,
      tasks: data.tasks,
      issues: data.issues,
      notes: data.notes,
      assignments: data.assignments,
    });
  });

  it('moves only the dates when the day moves', () => {
    const tomorrow = createWorkfrontData({ workItems: 40, now: now + dayMs });
    const [task] = data.tasks;
    const [movedTask] = tomorrow.tasks;
    expect(movedTask?.ID).toBe(task?.ID);
    expect(movedTask?.name).toBe(task?.name);
    expect(movedTask?.entryDate).toBe((task?.entryDate ?? 0) + dayMs);
  });

  it('gives every record a unique 32-character lowercase hex ID', () => {
    const ids = [data.users, data.projects, data.tasks, data.issues, data.notes, data.assignments]
      .flat()
      .map((record) => record.ID);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('contains text that looks like HTML or script', () => {
    const names = [...data.projects, ...workItems].map((record) => record.name);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names.some((name) => name.includes('</script><script>'))).toBe(true);
    expect(data.notes.some((note) => note.noteText.includes('<b>'))).toBe(true);
  });

  it('builds 10,000 work items for the demo user with a bounded total', () => {
    const large = createWorkfrontData({ workItems: 10_000, now });
    const largeItems = [...large.tasks, ...large.issues];
    const demoId = large.users[0]?.ID;
    expect(largeItems.filter((item) => item.assignedToID === demoId)).toHaveLength(10_000);
    expect(largeItems.length).toBeLessThan(10_100);
    expect(large.notes.length).toBeLessThan(largeItems.length);
  });
});

describe('add', () => {
  it('makes a new record found by ID, in its list, and in the indexes already built', () => {
    const fresh = createWorkfrontData({ workItems: 4, now });
    const [task] = fresh.tasks;
    if (!task) throw new Error('The seed needs a task');
    const before = fresh.related('NOTE', 'taskID', task.ID).length;
    const note = {
      ID: 'f'.repeat(32),
      objCode: 'NOTE',
      noteText: 'Added',
      entryDate: now,
      ownerID: task.assignedToID ?? '',
      objID: task.ID,
      noteObjCode: 'TASK',
      ...noteObjectIds('TASK', task.ID),
    } as const;
    fresh.add(note);
    expect(fresh.findById(note.ID)).toBe(note);
    expect(fresh.records('NOTE')).toContain(note);
    expect(fresh.related('NOTE', 'taskID', task.ID)).toHaveLength(before + 1);
  });
});
