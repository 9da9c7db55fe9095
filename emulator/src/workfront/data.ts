import type {
  NoteObjCode,
  ObjCode,
  ProgressStatus,
  Timestamp,
  WorkfrontAssignment,
  WorkfrontIssue,
  WorkfrontNote,
  WorkfrontProject,
  WorkfrontRecord,
  WorkfrontTask,
  WorkfrontUser,
  WorkItem,
} from './records.ts';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';
import {
  descriptions,
  featuredWorkItemNames,
  issueNames,
  noteTexts,
  projectNames,
  seedUsers,
  taskObjects,
  taskVerbs,
} from './seed-text.ts';
import { isFinished, type IssueStatus, type ProjectStatus, type TaskStatus } from './statuses.ts';
import { dayMs, startOfInstanceDay } from './workfront-date.ts';

export type * from './records.ts';

export interface WorkfrontData {
  users: WorkfrontUser[];
  projects: WorkfrontProject[];
  tasks: WorkfrontTask[];
  issues: WorkfrontIssue[];
  notes: WorkfrontNote[];
  assignments: WorkfrontAssignment[];
  /** Case-insensitive. */
  findUserByEmail(email: string): WorkfrontUser | undefined;
  findById(ID: string): WorkfrontRecord | undefined;
  records(objCode: ObjCode): readonly WorkfrontRecord[];
  /** The records of `objCode` whose `field` holds `ID`: a collection such as a task's assignments. */
  related(objCode: ObjCode, field: string, ID: string): readonly WorkfrontRecord[];
  /** Adds a new record (a note that the API creates). */
  add(record: WorkfrontRecord): void;
}

export interface WorkfrontDataOptions {
  /** Open work items (tasks and issues) assigned to the demo user. */
  workItems: number;
  /** Due dates are relative to this day. */
  now: number;
}

const seed = 20260324;
/** Assignments draw from their own sequence, so that adding them left every other record as it was. */
const assignmentSeed = seed + 1;
const hourMs = 60 * 60_000;
const workItemsPerColleague = 6;
const unassignedWorkItems = 4;
const workItemsPerProject = 50;
/** 11:00 at UTC-7 is the same calendar day from UTC-11 to UTC+5, so "due today" stays today. */
const dueTimeOfDayMs = 11 * hourMs;

/** Where a due date falls, relative to today. The demo user's items cycle through these. */
type DueBucket = 'overdue' | 'today' | 'thisWeek' | 'later' | 'none';
const dueBuckets: readonly DueBucket[] = [
  'overdue',
  'today',
  'thisWeek',
  'later',
  'none',
  'thisWeek',
  'later',
  'overdue',
  'later',
  'today',
];
/** Task statuses; an issue takes the issue status of the same kind (see issueStatusFor). */
const demoStatuses: readonly TaskStatus[] = ['INP', 'NEW', 'INP:A', 'INP', 'NEW'];
const colleagueStatuses: readonly TaskStatus[] = ['NEW', 'INP', 'CPL', 'INP:A', 'CPL'];
const openIssueStatuses: readonly IssueStatus[] = ['INP', 'INP:R', 'AWF', 'ROP', 'ONH'];
const closedIssueStatuses: readonly IssueStatus[] = ['CLS', 'RLV', 'CND', 'VCP', 'WTR'];
/** Every fifth demo work item is shared with a colleague, who holds a second assignment. */
const sharedDemoItemEvery = 5;
const projectStatusCycle: readonly ProjectStatus[] = [
  'CUR',
  'CUR',
  'PLN',
  'CUR',
  'ONH',
  'CUR',
  'CPL',
  'CUR',
  'DED',
];

/**
 * Builds the seeded company: the same data for the same options. Every demo work item is open and
 * the demo user is never a second assignee, so `work/myWork` of the demo user holds exactly
 * `workItems` items; colleagues also have closed ones.
 */
export function createWorkfrontData(options: WorkfrontDataOptions): WorkfrontData {
  const random = createSeededRandom(seed);
  const today = startOfInstanceDay(options.now);
  const users = seedUsers.map((seedUser): WorkfrontUser => ({
    ID: random.id(),
    objCode: 'USER',
    name: `${seedUser.firstName} ${seedUser.lastName}`,
    ...seedUser,
    isActive: true,
    password: 'demo',
  }));
  const [demoUser, ...colleagues] = users;
  if (!demoUser) throw new Error('The seed has no users');

  const totalWorkItems =
    options.workItems + colleagues.length * workItemsPerColleague + unassignedWorkItems;
  const projects = Array.from(
    { length: Math.max(projectNames.length, Math.ceil(totalWorkItems / workItemsPerProject)) },
    (_, index) => createProject(random, users, index, today),
  );

  const builder = new WorkItemBuilder(random, projects, today, options.now);
  for (let index = 0; index < options.workItems; index++) {
    const bucket = dueBuckets[index % dueBuckets.length] ?? 'none';
    const status = demoStatuses[index % demoStatuses.length] ?? 'NEW';
    builder.add(demoUser.ID, bucket, status, featuredWorkItemNames[index]);
  }
  for (const colleague of colleagues) {
    for (let index = 0; index < workItemsPerColleague; index++) {
      builder.add(colleague.ID, random.pick(dueBuckets), random.pick(colleagueStatuses));
    }
  }
  for (let index = 0; index < unassignedWorkItems; index++) {
    builder.add(null, random.pick(dueBuckets), 'NEW');
  }
  const { tasks, issues } = builder;
  const workItems = [...tasks, ...issues];
  const notes = createNotes(random, users, projects, workItems, options.now);
  const assignments = createAssignments(workItems, demoUser.ID, colleagues);

  const byEmail = new Map(users.map((user) => [user.emailAddr.toLowerCase(), user]));
  const byId = new Map<string, WorkfrontRecord>(
    [users, projects, tasks, issues, notes, assignments]
      .flat()
      .map((record) => [record.ID, record]),
  );
  const byCode: Record<ObjCode, WorkfrontRecord[]> = {
    USER: users,
    PROJ: projects,
    TASK: tasks,
    OPTASK: issues,
    NOTE: notes,
    ASSGN: assignments,
  };
  // The fields that collections join on never change, so each index is built once, when first
  // used, and a new record is added to the indexes already built.
  const indexes = new Map<string, Map<string, WorkfrontRecord[]>>();
  function addToIndex(
    index: Map<string, WorkfrontRecord[]>,
    record: WorkfrontRecord,
    field: string,
  ) {
    const value: unknown = Reflect.get(record, field);
    if (typeof value !== 'string') return;
    const list = index.get(value);
    if (list) list.push(record);
    else index.set(value, [record]);
  }
  function related(objCode: ObjCode, field: string, ID: string): readonly WorkfrontRecord[] {
    const key = `${objCode}.${field}`;
    let index = indexes.get(key);
    if (!index) {
      index = new Map();
      for (const record of byCode[objCode]) addToIndex(index, record, field);
      indexes.set(key, index);
    }
    return index.get(ID) ?? [];
  }
  function add(record: WorkfrontRecord): void {
    byCode[record.objCode].push(record);
    byId.set(record.ID, record);
    for (const [key, index] of indexes) {
      const [objCode, field = ''] = key.split('.');
      if (objCode === record.objCode) addToIndex(index, record, field);
    }
  }
  return {
    users,
    projects,
    tasks,
    issues,
    notes,
    assignments,
    findUserByEmail: (email) => byEmail.get(email.toLowerCase()),
    findById: (ID) => byId.get(ID),
    records: (objCode) => byCode[objCode],
    related,
    add,
  };
}

function createProject(
  random: SeededRandom,
  users: readonly WorkfrontUser[],
  index: number,
  today: Timestamp,
): WorkfrontProject {
  const baseName = projectNames[index % projectNames.length] ?? 'Project';
  const round = Math.floor(index / projectNames.length);
  const status = projectStatusCycle[index % projectStatusCycle.length] ?? 'CUR';
  const plannedStartDate = today - random.integer(10, 120) * dayMs + dueTimeOfDayMs;
  const project = {
    ID: random.id(),
    objCode: 'PROJ',
    name: round === 0 ? baseName : `${baseName} (${round + 1})`,
    description: random.next() < 0.5 ? random.pick(descriptions) : null,
    status,
    percentComplete: status === 'CPL' ? 100 : random.integer(0, 9) * 10,
    priority: random.integer(0, 4),
    ownerID: random.pick(users).ID,
    plannedStartDate,
    plannedCompletionDate: plannedStartDate + random.integer(30, 200) * dayMs,
    entryDate: plannedStartDate - random.integer(1, 30) * dayMs,
  } as const;
  return {
    ...project,
    projectedCompletionDate: project.plannedCompletionDate + (index % 4) * dayMs,
  };
}

/** Creates tasks and, for every fourth item, an issue (a third of them outside any project). */
class WorkItemBuilder {
  readonly tasks: WorkfrontTask[] = [];
  readonly issues: WorkfrontIssue[] = [];
  private count = 0;
  private readonly taskCounts = new Map<string, number>();
  private openIssues = 0;
  private closedIssues = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly projects: readonly WorkfrontProject[],
    private readonly today: Timestamp,
    private readonly now: Timestamp,
  ) {}

  add(assignedToID: string | null, bucket: DueBucket, status: TaskStatus, name?: string): void {
    const { random } = this;
    const isIssue = this.count % 4 === 3;
    this.count++;
    const due = this.dueDate(bucket);
    const entryDate = this.today - random.integer(20, 150) * dayMs + random.integer(8, 17) * hourMs;
    const fields = {
      ID: random.id(),
      description: random.next() < 0.3 ? random.pick(descriptions) : null,
      percentComplete: percentFor(random, status),
      priority: random.integer(0, 4),
      plannedStartDate: due === null ? null : due - random.integer(1, 14) * dayMs,
      plannedCompletionDate: due,
      projectedCompletionDate:
        due === null ? null : due + (random.next() < 0.3 ? random.integer(1, 5) * dayMs : 0),
      assignedToID,
      entryDate,
      lastUpdateDate: Math.max(entryDate, this.now - random.integer(1, 240) * hourMs),
    };
    const projectID = random.pick(this.projects).ID;
    const slip =
      fields.projectedCompletionDate === null || fields.plannedCompletionDate === null
        ? 0
        : fields.projectedCompletionDate - fields.plannedCompletionDate;
    const derived = {
      projectedStartDate: fields.plannedStartDate === null ? null : fields.plannedStartDate + slip,
    };
    if (isIssue) {
      const issueStatus = this.issueStatusFor(status);
      this.issues.push({
        ...fields,
        ...derived,
        objCode: 'OPTASK',
        status: issueStatus,
        progressStatus: this.progressOf('OPTASK', issueStatus, fields),
        name: name ?? random.pick(issueNames),
        projectID: this.issues.length % 3 === 0 ? null : projectID,
      });
    } else {
      const taskNumber = (this.taskCounts.get(projectID) ?? 0) + 1;
      this.taskCounts.set(projectID, taskNumber);
      this.tasks.push({
        ...fields,
        ...derived,
        objCode: 'TASK',
        status,
        progressStatus: this.progressOf('TASK', status, fields),
        name: name ?? `${random.pick(taskVerbs)} ${random.pick(taskObjects)}`,
        projectID,
        taskNumber,
        wbs: String(taskNumber),
      });
    }
  }

  /**
   * An issue has no task statuses: a new one stays NEW, a complete one takes a closed status, and
   * any other an open one, in turn, so that the seed shows every kind.
   */
  private issueStatusFor(status: TaskStatus): IssueStatus {
    if (status === 'NEW') return 'NEW';
    const closed = status === 'CPL';
    const statuses = closed ? closedIssueStatuses : openIssueStatuses;
    const turn = closed ? this.closedIssues++ : this.openIssues++;
    return statuses[turn % statuses.length] ?? 'INP';
  }

  private dueDate(bucket: DueBucket): Timestamp | null {
    const days = {
      overdue: -this.random.integer(1, 30),
      today: 0,
      thisWeek: this.random.integer(1, 6),
      later: this.random.integer(7, 90),
      none: null,
    }[bucket];
    return days === null ? null : this.today + days * dayMs + dueTimeOfDayMs;
  }

  /** Late when due and unfinished, behind when projected after its due date, else on time. */
  private progressOf(
    objCode: WorkItem['objCode'],
    status: string,
    dates: { plannedCompletionDate: Timestamp | null; projectedCompletionDate: Timestamp | null },
  ): ProgressStatus {
    const { plannedCompletionDate: planned, projectedCompletionDate: projected } = dates;
    if (planned === null || isFinished(objCode, status)) return 'ON';
    if (planned < this.now) return 'LT';
    return projected !== null && projected > planned ? 'BH' : 'ON';
  }
}

function percentFor(random: SeededRandom, status: TaskStatus): number {
  if (status === 'NEW') return 0;
  if (status === 'CPL') return 100;
  return random.integer(1, 9) * 10;
}

/**
 * One primary assignment for every assigned work item, and a second one on every fifth of the
 * demo user's items, to each colleague in turn.
 */
function createAssignments(
  workItems: readonly WorkItem[],
  demoUserId: string,
  colleagues: readonly WorkfrontUser[],
): WorkfrontAssignment[] {
  const random = createSeededRandom(assignmentSeed);
  const assignments: WorkfrontAssignment[] = [];
  let demoItems = 0;
  let sharedItems = 0;
  for (const item of workItems) {
    if (item.assignedToID === null) continue;
    const shared = item.assignedToID === demoUserId && demoItems++ % sharedDemoItemEvery === 2;
    const assign = (assignedToID: string, isPrimary: boolean) => {
      assignments.push({
        ID: random.id(),
        objCode: 'ASSGN',
        assignedToID,
        taskID: item.objCode === 'TASK' ? item.ID : null,
        opTaskID: item.objCode === 'OPTASK' ? item.ID : null,
        projectID: item.projectID,
        assignmentPercent: shared ? 50 : 100,
        isPrimary,
      });
    };
    assign(item.assignedToID, true);
    const colleague = colleagues[sharedItems % colleagues.length];
    if (shared && colleague) {
      assign(colleague.ID, false);
      sharedItems++;
    }
  }
  return assignments;
}

/** A note on every third work item and on every project. */
function createNotes(
  random: SeededRandom,
  users: readonly WorkfrontUser[],
  projects: readonly WorkfrontProject[],
  workItems: readonly WorkItem[],
  now: Timestamp,
): WorkfrontNote[] {
  const targets = [...workItems.filter((_, index) => index % 3 === 0), ...projects];
  return targets.map((target) => ({
    ID: random.id(),
    objCode: 'NOTE',
    noteText: random.pick(noteTexts),
    entryDate: now - random.integer(1, 30 * 24) * hourMs,
    ownerID: random.pick(users).ID,
    objID: target.ID,
    noteObjCode: target.objCode,
    ...noteObjectIds(target.objCode, target.ID),
  }));
}

/** The one of a note's `taskID`, `opTaskID` and `projectID` that names its object (none for null). */
export function noteObjectIds(objCode: NoteObjCode, ID: string | null) {
  return {
    taskID: objCode === 'TASK' ? ID : null,
    opTaskID: objCode === 'OPTASK' ? ID : null,
    projectID: objCode === 'PROJ' ? ID : null,
  };
}
