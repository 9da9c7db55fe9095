import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { workfrontKeys } from './query-keys';
import { optionalWireDate, parseWire, wireDate, wireId, wireReference } from './wire-schemas';
import type { WorkfrontClient } from './workfront-client';

export type WorkItemKind = 'task' | 'issue';

const objCodeOf = { task: 'TASK', issue: 'OPTASK' } as const;
const kindOf = { TASK: 'task', OPTASK: 'issue' } as const;

/** `<OBJ>/<ID>`, the ID encoded: it comes from the address bar and must stay one path segment. */
function objectPath(kind: WorkItemKind, id: string): string {
  return `${objCodeOf[kind]}/${encodeURIComponent(id)}`;
}

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
}

export const workItemWire = v.object({
  ID: wireId,
  objCode: v.picklist(['TASK', 'OPTASK']),
  name: v.string(),
  status: v.pipe(v.string(), v.nonEmpty('is empty')),
  percentComplete: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  priority: v.nullish(v.number(), 0),
  plannedCompletionDate: optionalWireDate,
  project: wireReference,
});

const workItemDetailWire = v.object({
  ...workItemWire.entries,
  description: v.nullish(v.string(), null),
  plannedStartDate: optionalWireDate,
  projectedCompletionDate: optionalWireDate,
  lastUpdateDate: optionalWireDate,
  assignedTo: wireReference,
});

const noteWire = v.object({
  ID: wireId,
  noteText: v.string(),
  entryDate: wireDate,
  owner: wireReference,
});

export const workItemListFields =
  'status,percentComplete,priority,plannedCompletionDate,project:name';
const detailFields = `${workItemListFields},description,plannedStartDate,projectedCompletionDate,lastUpdateDate,assignedTo:name`;

/** Workfront's largest page; more is an error. */
export const pageSize = 2000;

export function toWorkItem(wire: v.InferOutput<typeof workItemWire>): WorkItem {
  return {
    id: wire.ID,
    kind: kindOf[wire.objCode],
    name: wire.name,
    status: wire.status,
    percentComplete: wire.percentComplete,
    priority: wire.priority,
    dueDate: wire.plannedCompletionDate,
    project: wire.project && { id: wire.project.ID, name: wire.project.name },
  };
}

function toWorkItemDetail(wire: v.InferOutput<typeof workItemDetailWire>): WorkItemDetail {
  return {
    ...toWorkItem(wire),
    description: wire.description,
    plannedStartDate: wire.plannedStartDate,
    projectedCompletionDate: wire.projectedCompletionDate,
    lastUpdateDate: wire.lastUpdateDate,
    assignedTo: wire.assignedTo && { id: wire.assignedTo.ID, name: wire.assignedTo.name },
  };
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
      return parseWire(v.array(workItemWire), data, 'a work list').map(toWorkItem);
    },
    initialPageParam: 0,
    // A page longer than asked for means Workfront ignored $$LIMIT and sent everything: paging
    // on would fetch the same items again, without end.
    getNextPageParam: (lastPage, _pages, lastOffset) =>
      lastPage.length === pageSize ? lastOffset + pageSize : undefined,
  });
}

export function workItemQuery(client: WorkfrontClient, kind: WorkItemKind, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.workItem(kind, id),
    queryFn: async ({ signal }): Promise<WorkItemDetail> => {
      const data = await client.get(objectPath(kind, id), { fields: detailFields }, signal);
      return toWorkItemDetail(parseWire(workItemDetailWire, data, `a ${kind}`));
    },
  });
}

export function workItemNotesQuery(client: WorkfrontClient, kind: WorkItemKind, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.notes(kind, id),
    queryFn: async ({ signal }): Promise<WorkItemNote[]> => {
      const data = await client.get(
        'note/search',
        {
          [kind === 'task' ? 'taskID' : 'opTaskID']: id,
          fields: 'noteText,entryDate,owner:name',
          entryDate_Sort: 'desc',
        },
        signal,
      );
      return parseWire(v.array(noteWire), data, 'updates').map((note) => ({
        id: note.ID,
        text: note.noteText,
        date: note.entryDate,
        author: note.owner?.name ?? null,
      }));
    },
  });
}

export interface WorkItemChanges {
  status?: string;
  percentComplete?: number;
}

/** `PUT <obj>/<ID>?updates={…}`: Workfront answers with the updated object. */
export async function updateWorkItem(
  client: WorkfrontClient,
  kind: WorkItemKind,
  id: string,
  changes: WorkItemChanges,
): Promise<WorkItemDetail> {
  const data = await client.put(objectPath(kind, id), {
    updates: JSON.stringify(changes),
    fields: detailFields,
  });
  return toWorkItemDetail(parseWire(workItemDetailWire, data, `the updated ${kind}`));
}
