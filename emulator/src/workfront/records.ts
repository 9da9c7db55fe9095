/** Object codes of the records the emulator serves. */
export type ObjCode = 'USER' | 'PROJ' | 'TASK' | 'OPTASK' | 'NOTE';

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

export type ProjectStatus = 'CUR' | 'PLN' | 'CPL' | 'DED' | 'ONH';

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
  entryDate: Timestamp;
}

/** `INP:A` is a custom status whose system status is INP, as Workfront names them. */
export const workItemStatuses = ['NEW', 'INP', 'CPL', 'INP:A'] as const;
export type WorkItemStatus = (typeof workItemStatuses)[number];

interface WorkItemFields {
  ID: string;
  name: string;
  description: string | null;
  status: WorkItemStatus;
  percentComplete: number;
  priority: number;
  plannedStartDate: Timestamp | null;
  plannedCompletionDate: Timestamp | null;
  projectedCompletionDate: Timestamp | null;
  assignedToID: string | null;
  entryDate: Timestamp;
  lastUpdateDate: Timestamp;
}

export interface WorkfrontTask extends WorkItemFields {
  objCode: 'TASK';
  projectID: string;
}

export interface WorkfrontIssue extends WorkItemFields {
  objCode: 'OPTASK';
  projectID: string | null;
}

export type WorkItem = WorkfrontTask | WorkfrontIssue;

export interface WorkfrontNote {
  ID: string;
  objCode: 'NOTE';
  noteText: string;
  entryDate: Timestamp;
  ownerID: string;
  /** The object the note is on, and its code; exactly one of taskID, opTaskID, projectID is set. */
  objID: string;
  noteObjCode: 'TASK' | 'OPTASK' | 'PROJ';
  taskID: string | null;
  opTaskID: string | null;
  projectID: string | null;
}

export type WorkfrontRecord =
  WorkfrontUser | WorkfrontProject | WorkfrontTask | WorkfrontIssue | WorkfrontNote;

/** A system status of CPL, custom ones (`CPL:X`) included, closes a work item. */
export function isComplete(status: string): boolean {
  return status === 'CPL' || status.startsWith('CPL:');
}
