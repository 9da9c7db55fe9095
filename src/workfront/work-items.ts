import { infiniteQueryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { nextPageOffset, pageParams, pageSize, uniqueItems } from './paging';
import { workfrontKeys } from './query-keys';
import { optionalWireDate, parseWire, wireId, wireReference } from './wire-schemas';
import { kindOf, type WorkItem, type WorkItemKind } from './work-item-model';
import type { WorkfrontClient } from './workfront-client';

export const workItemWire = v.object({
  ID: wireId,
  // `work/myWork` may name both kinds WORK, its own object (see myWorkQuery).
  objCode: v.picklist(['TASK', 'OPTASK', 'WORK']),
  name: v.string(),
  status: v.pipe(v.string(), v.nonEmpty('is empty')),
  percentComplete: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  priority: v.nullish(v.number(), 0),
  plannedCompletionDate: optionalWireDate,
  project: wireReference,
});

export const workItemListFields =
  'status,percentComplete,priority,plannedCompletionDate,project:name';

type WorkItemWire = v.InferOutput<typeof workItemWire>;

/** `kind` is needed when the wire says WORK, which does not tell a task from an issue. */
export function toWorkItem(wire: WorkItemWire, kind?: WorkItemKind): WorkItem {
  return {
    id: wire.ID,
    kind: kind ?? (wire.objCode === 'WORK' ? 'task' : kindOf[wire.objCode]),
    name: wire.name,
    status: wire.status,
    percentComplete: wire.percentComplete,
    priority: wire.priority,
    dueDate: wire.plannedCompletionDate,
    project: wire.project && { id: wire.project.ID, name: wire.project.name },
  };
}

/**
 * The issues among items that `work/myWork` names WORK. IDs are unique across object codes, so
 * one search of OPTASK by ID tells the kinds apart: what it does not find is a task. The IDs go
 * in a POST body, as a page of them would not fit in a URL.
 */
async function issueIdsAmong(
  client: WorkfrontClient,
  items: readonly WorkItemWire[],
  signal: AbortSignal,
): Promise<ReadonlySet<string>> {
  const ids = items.filter((item) => item.objCode === 'WORK').map((item) => item.ID);
  const batches: Promise<unknown>[] = [];
  for (let start = 0; start < ids.length; start += pageSize) {
    const batch = ids.slice(start, start + pageSize);
    batches.push(
      client.getByPost(
        'optask/search',
        { ID: batch.join(','), ID_Mod: 'in', fields: 'ID', $$LIMIT: batch.length },
        signal,
      ),
    );
  }
  const found = (await Promise.all(batches)).flatMap((data) =>
    parseWire(v.array(v.object({ ID: wireId })), data, 'a list of issues'),
  );
  return new Set(found.map((issue) => issue.ID));
}

/**
 * The tasks and issues assigned to me, due first, in pages of 2000 (`$$FIRST`/`$$LIMIT`).
 * `work/myWork` knows who "me" is, so no request waits on another.
 */
export function myWorkQuery(client: WorkfrontClient) {
  return infiniteQueryOptions({
    queryKey: workfrontKeys.myWork(),
    queryFn: async ({ pageParam, signal }) => {
      const data = await client.get(
        'work/myWork',
        {
          fields: workItemListFields,
          plannedCompletionDate_Sort: 'asc',
          ...pageParams(pageParam),
        },
        signal,
      );
      const items = parseWire(v.array(workItemWire), data, 'a work list');
      const issueIds = await issueIdsAmong(client, items, signal);
      return items.map((item) =>
        toWorkItem(
          item,
          item.objCode === 'WORK' ? (issueIds.has(item.ID) ? 'issue' : 'task') : undefined,
        ),
      );
    },
    initialPageParam: 0,
    getNextPageParam: (_lastPage, pages, lastOffset) => nextPageOffset(pages, lastOffset),
    select: (data) => uniqueItems(data.pages),
  });
}
