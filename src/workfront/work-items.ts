import { infiniteQueryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
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

/** Workfront's largest page; more is an error. */
export const pageSize = 2000;

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

/** A bound on pages, for a server that keeps sending new ones: 100,000 items. */
const maxPages = 50;

/**
 * Where the next page of a list starts, or undefined when the list is complete. A page shorter
 * than asked is the last. So is a longer one, or one whose items all came before: both mean that
 * Workfront ignored `$$FIRST`/`$$LIMIT` and sent everything, and asking again would loop.
 */
export function nextPageOffset(
  pages: readonly (readonly { id: string }[])[],
  lastOffset: number,
): number | undefined {
  const last = pages.at(-1) ?? [];
  if (last.length !== pageSize || pages.length >= maxPages) return undefined;
  const earlier = new Set(pages.slice(0, -1).flatMap((page) => page.map((item) => item.id)));
  if (earlier.size > 0 && last.every((item) => earlier.has(item.id))) return undefined;
  return lastOffset + pageSize;
}

/** The items of all pages, each once: a repeated page, or an overlap between pages, drops out. */
export function uniqueItems<T extends { id: string }>(pages: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  return pages.flat().filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
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
          $$FIRST: pageParam,
          $$LIMIT: pageSize,
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
