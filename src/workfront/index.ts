/**
 * Workfront's REST API as the screens use it: the client (every request through the vault,
 * with Workfront's envelope and errors read), its React context, the model, and the query
 * options of the screens every signed-in page loads. The screens that load later import their
 * queries from their own modules (`projects.ts`, `work-item-detail.ts`), so that their code
 * comes with them; the flow inspector's check from `instance-check.ts` and `instance-profile.ts`.
 */
export { createWorkfrontClient, workfrontApiBase } from './workfront-client';
export type { WorkfrontClient, WorkfrontSession } from './workfront-client';
export { isNotFound, WorkfrontApiError } from './workfront-errors';
export { WorkfrontProvider, useWorkfrontClient } from './workfront-context';
export { workfrontRetryPolicy } from './retry-policy';
export type {
  WorkItem,
  WorkItemChanges,
  WorkItemDetail,
  WorkItemKind,
  WorkItemNote,
} from './work-item-model';
export { currentUserQuery, type WorkfrontUser } from './current-user';
export { myWorkQuery } from './work-items';
export {
  systemStatusOf,
  useWorkfrontStatusLabel,
  workItemStatusesQuery,
  type WorkfrontStatusLabel,
} from './work-item-statuses';
