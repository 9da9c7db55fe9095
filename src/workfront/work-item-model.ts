/** Tasks and issues: Workfront's two kinds of work item, and their object codes. */
export type WorkItemKind = 'task' | 'issue';

export const objCodeOf = { task: 'TASK', issue: 'OPTASK' } as const;
export const kindOf = { TASK: 'task', OPTASK: 'issue' } as const;

/** A task or an issue as the app shows it; work-items.ts reads it from the wire. */
export interface WorkItem {
  id: string;
  kind: WorkItemKind;
  name: string;
  /** Workfront's status code: NEW, INP, CPL, or a custom one such as INP:A. */
  status: string;
  percentComplete: number;
  /** 0 (none) to 4 (urgent). */
  priority: number;
  dueDate: Date | null;
  project: { id: string; name: string } | null;
}

export interface WorkItemDetail extends WorkItem {
  description: string | null;
  plannedStartDate: Date | null;
  projectedCompletionDate: Date | null;
  assignedTo: { id: string; name: string } | null;
  lastUpdateDate: Date | null;
}

export interface WorkItemNote {
  id: string;
  text: string;
  date: Date;
  author: string | null;
  /** Posted by this page and not yet answered: shown at once, gone again if the post fails. */
  sending?: true;
}

/** What the update form may change. */
export interface WorkItemChanges {
  status?: string;
  percentComplete?: number;
}
