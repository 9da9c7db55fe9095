import type { IssueStatus, ProjectStatus, TaskStatus } from './statuses.ts';

/** Object codes of the records the emulator serves. */
export type ObjCode = 'USER' | 'PROJ' | 'TASK' | 'OPTASK' | 'NOTE' | 'ASSGN';

/** Dates are milliseconds since the epoch here; the API formats them on the way out. */
export type Timestamp = number;

export interface WorkfrontUser {
  ID: string;
  objCode: 'USER';
  name: string;
  firstName: string;
  lastName: string;
  emailAddr: string;
  title: string;
  isActive: boolean;
  /** Used by the sign-in page only; never sent by the API. */
  password: string;
}

export interface WorkfrontProject {
  ID: string;
  objCode: 'PROJ';
  name: string;
  description: string | null;
  status: ProjectStatus;
  percentComplete: number;
  priority: number;
  ownerID: string;
  plannedStartDate: Timestamp;
  plannedCompletionDate: Timestamp;
  projectedCompletionDate: Timestamp;
  entryDate: Timestamp;
}

/** Workfront's progress status codes: ON (on time), BH (behind), LT (late). */
export type ProgressStatus = 'ON' | 'BH' | 'LT';

interface WorkItemFields {
  ID: string;
  name: string;
  description: string | null;
  percentComplete: number;
  priority: number;
  plannedStartDate: Timestamp | null;
  plannedCompletionDate: Timestamp | null;
  projectedStartDate: Timestamp | null;
  projectedCompletionDate: Timestamp | null;
  progressStatus: ProgressStatus;
  /** The primary assignee, as Workfront keeps it beside the assignments. */
  assignedToID: string | null;
  entryDate: Timestamp;
  lastUpdateDate: Timestamp;
}

export interface WorkfrontTask extends WorkItemFields {
  objCode: 'TASK';
  status: TaskStatus;
  projectID: string;
  /** The task's number in its project, from 1; `wbs` is the same number as text. */
  taskNumber: number;
  wbs: string;
}

export interface WorkfrontIssue extends WorkItemFields {
  objCode: 'OPTASK';
  status: IssueStatus;
  projectID: string | null;
}

export type WorkItem = WorkfrontTask | WorkfrontIssue;

/** The objects a note can be on. */
export type NoteObjCode = 'TASK' | 'OPTASK' | 'PROJ';

export interface WorkfrontNote {
  ID: string;
  objCode: 'NOTE';
  noteText: string;
  entryDate: Timestamp;
  ownerID: string;
  /**
   * The object the note is on, and its code; the one of taskID, opTaskID, projectID for that
   * code holds the same ID. A created note may lack one side (the `noteObjectFields` switch).
   */
  objID: string | null;
  noteObjCode: NoteObjCode | null;
  taskID: string | null;
  opTaskID: string | null;
  projectID: string | null;
}

/** One user's assignment to a task or an issue; exactly one of taskID and opTaskID is set. */
export interface WorkfrontAssignment {
  ID: string;
  objCode: 'ASSGN';
  assignedToID: string;
  taskID: string | null;
  opTaskID: string | null;
  projectID: string | null;
  assignmentPercent: number;
  isPrimary: boolean;
}

export type WorkfrontRecord =
  | WorkfrontUser
  | WorkfrontProject
  | WorkfrontTask
  | WorkfrontIssue
  | WorkfrontNote
  | WorkfrontAssignment;
