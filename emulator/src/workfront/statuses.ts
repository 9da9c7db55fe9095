/**
 * Workfront's statuses, each with the label its `<obj>/metadata` gives. System statuses come first
 * in Workfront's default order (reorder-system-statuses.md); a custom status is written
 * `<system status>:<key>` and counts as its system status.
 */
export interface StatusChoice {
  value: string;
  label: string;
}

export const taskStatusChoices = [
  { value: 'NEW', label: 'New' },
  { value: 'INP', label: 'In Progress' },
  { value: 'CPL', label: 'Complete' },
  { value: 'INP:A', label: 'Awaiting Approval' },
] as const satisfies readonly StatusChoice[];

/** There is no CPL for issues (issue-statuses.md): a finished issue is Closed or equates with it. */
export const issueStatusChoices = [
  { value: 'NEW', label: 'New' },
  { value: 'INP', label: 'In Progress' },
  { value: 'ROP', label: 'Reopened' },
  { value: 'AWF', label: 'Awaiting Feedback' },
  { value: 'ONH', label: 'On Hold' },
  { value: 'CND', label: 'Cannot Duplicate' },
  { value: 'CLS', label: 'Closed' },
  { value: 'RLV', label: 'Resolved' },
  { value: 'VCP', label: 'Verified Complete' },
  { value: 'WTR', label: "Won't Resolve" },
  { value: 'INP:R', label: 'In Review' },
] as const satisfies readonly StatusChoice[];

/** The labels of workfront-api's fixtures/namedQuery.json (CSTEM, the project statuses). */
export const projectStatusChoices = [
  { value: 'CUR', label: 'Current' },
  { value: 'DED', label: 'Dead' },
  { value: 'ONH', label: 'On Hold' },
  { value: 'PLN', label: 'Planning' },
  { value: 'CPL', label: 'Complete' },
  { value: 'REQ', label: 'Requested' },
  { value: 'APR', label: 'Approved' },
  { value: 'REJ', label: 'Rejected' },
  { value: 'IDA', label: 'Idea' },
] as const satisfies readonly StatusChoice[];

export type TaskStatus = (typeof taskStatusChoices)[number]['value'];
export type IssueStatus = (typeof issueStatusChoices)[number]['value'];
/** The project statuses the seed uses. */
export type ProjectStatus = 'CUR' | 'PLN' | 'CPL' | 'DED' | 'ONH';

/** Issue statuses that equate with Closed: each takes the issue off its assignees' work list. */
const closedIssueStatuses: readonly string[] = ['CLS', 'CND', 'RLV', 'VCP', 'WTR'];

function systemStatusOf(status: string): string {
  const separator = status.indexOf(':');
  return separator === -1 ? status : status.slice(0, separator);
}

/** A task is finished at CPL, an issue at any closed status; custom ones count as their base. */
export function isFinished(objCode: 'TASK' | 'OPTASK', status: string): boolean {
  const system = systemStatusOf(status);
  return objCode === 'TASK' ? system === 'CPL' : closedIssueStatuses.includes(system);
}

export function statusChoicesOf(objCode: 'TASK' | 'OPTASK'): readonly StatusChoice[] {
  return objCode === 'TASK' ? taskStatusChoices : issueStatusChoices;
}
