/** Tasks and issues: Workfront's two kinds of work item, and their object codes. */
export type WorkItemKind = 'task' | 'issue';

export const objCodeOf = { task: 'TASK', issue: 'OPTASK' } as const;
export const kindOf = { TASK: 'task', OPTASK: 'issue' } as const;
