import { mutationOptions, queryOptions, useQuery } from '@tanstack/react-query';
import * as v from 'valibot';
import { workfrontKeys } from './query-keys';
import { workfrontRetryPolicy } from './retry-policy';
import { optionalWireDate, parseWire, wireDate, wireId, wireReference } from './wire-schemas';
import {
  objCodeOf,
  type WorkItemChanges,
  type WorkItemDetail,
  type WorkItemKind,
  type WorkItemNote,
} from './work-item-model';
import type { StatusChoice } from './status-metadata';
import { systemStatusOf, workItemStatusesQuery } from './work-item-statuses';
import { toWorkItem, workItemListFields, workItemWire } from './work-items';
import type { WorkfrontClient } from './workfront-client';

/*
 * One task or issue: its detail, its updates (notes), the update of its fields and the status
 * choices of its form. The lists (work-items.ts) and Workfront's labels for any status
 * (work-item-statuses.ts) load with My work; this loads with the item's screen.
 */

/** `<OBJ>/<ID>`, the ID encoded: it comes from the address bar and must stay one path segment. */
function objectPath(kind: WorkItemKind, id: string): string {
  return `${objCodeOf[kind]}/${encodeURIComponent(id)}`;
}

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

const detailFields = `${workItemListFields},description,plannedStartDate,projectedCompletionDate,lastUpdateDate,assignedTo:name`;

function toWorkItemDetail(
  wire: v.InferOutput<typeof workItemDetailWire>,
  kind: WorkItemKind,
): WorkItemDetail {
  return {
    ...toWorkItem(wire, kind),
    description: wire.description,
    plannedStartDate: wire.plannedStartDate,
    projectedCompletionDate: wire.projectedCompletionDate,
    lastUpdateDate: wire.lastUpdateDate,
    assignedTo: wire.assignedTo && { id: wire.assignedTo.ID, name: wire.assignedTo.name },
  };
}

export function workItemQuery(client: WorkfrontClient, kind: WorkItemKind, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.workItem(kind, id),
    queryFn: async ({ signal }): Promise<WorkItemDetail> => {
      const data = await client.get(objectPath(kind, id), { fields: detailFields }, signal);
      return toWorkItemDetail(parseWire(workItemDetailWire, data, `a ${kind}`), kind);
    },
  });
}

const noteFields = 'noteText,entryDate,owner:name';
/** A note's own field for the object it is on, which the list of an item's notes filters by. */
const noteObjectField = (kind: WorkItemKind) => (kind === 'task' ? 'taskID' : 'opTaskID');

function toNote(note: v.InferOutput<typeof noteWire>): WorkItemNote {
  return {
    id: note.ID,
    text: note.noteText,
    date: note.entryDate,
    author: note.owner?.name ?? null,
  };
}

export function workItemNotesQuery(client: WorkfrontClient, kind: WorkItemKind, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.notes(kind, id),
    queryFn: async ({ signal }): Promise<WorkItemNote[]> => {
      const data = await client.get(
        'note/search',
        { [noteObjectField(kind)]: id, fields: noteFields, entryDate_Sort: 'desc' },
        signal,
      );
      return parseWire(v.array(noteWire), data, 'updates').map(toNote);
    },
  });
}

/**
 * `POST note`: an update on the item, as Workfront's API creates one (a NOTE with `noteText`).
 * The item is named both ways Workfront reads: `objID` with `noteObjCode`, and the note's own
 * `taskID` or `opTaskID`, which the list above filters by.
 */
export async function postNote(
  client: WorkfrontClient,
  kind: WorkItemKind,
  id: string,
  text: string,
): Promise<WorkItemNote> {
  const data = await client.post('note', {
    noteText: text,
    noteObjCode: objCodeOf[kind],
    objID: id,
    [noteObjectField(kind)]: id,
    fields: noteFields,
  });
  return toNote(parseWire(noteWire, data, 'the posted update'));
}

/**
 * Posts an update. It shows in the item's updates at once, marked as sending, and leaves them
 * again if the post fails. Never retried: a post whose answer was lost may have created the
 * note, and a second one would post it twice. `onPosted` runs once Workfront has the note, even
 * when the form that posted it is gone (the user left the page meanwhile).
 */
export function postNoteMutation(
  client: WorkfrontClient,
  kind: WorkItemKind,
  id: string,
  onPosted?: (text: string) => void,
) {
  const { queryKey } = workItemNotesQuery(client, kind, id);
  return mutationOptions({
    mutationKey: [...queryKey, 'post'],
    mutationFn: (text: string) => postNote(client, kind, id, text),
    retry: false,
    onMutate: async (text, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey, exact: true });
      const sending: WorkItemNote = {
        id: `sending-${String(Date.now())}`,
        text,
        date: new Date(),
        author: null,
        sending: true,
      };
      queryClient.setQueryData(queryKey, (old) => old && [sending, ...old]);
      return { sending };
    },
    onError: (_error, _text, context, { client: queryClient }) => {
      // By ID: the cache keeps a copy of the note, not the object given to it.
      queryClient.setQueryData(queryKey, (old) =>
        old?.filter((note) => note.id !== context?.sending.id),
      );
    },
    onSuccess: (posted, text, context, { client: queryClient }) => {
      queryClient.setQueryData(queryKey, (old) =>
        old?.map((note) => (note.id === context.sending.id ? posted : note)),
      );
      onPosted?.(text);
    },
    onSettled: (_data, _error, _text, _context, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey, exact: true }),
  });
}

/**
 * Workfront's system statuses of each kind. Issues do not share the task statuses: a finished
 * issue is CLS (Closed), and Workfront refuses CPL for one.
 */
export const systemStatuses: Readonly<Record<WorkItemKind, readonly string[]>> = {
  task: ['NEW', 'INP', 'CPL'],
  issue: ['NEW', 'INP', 'AWF', 'ONH', 'ROP', 'CND', 'WTR', 'RLV', 'VCP', 'CLS'],
};

/**
 * The choices for an item's status: Workfront's own list when it could be read, else the system
 * statuses of the kind. The current status is always among them, so the form can show it.
 */
export function statusChoices(
  kind: WorkItemKind,
  fromWorkfront: readonly StatusChoice[] | undefined,
  current: string,
): StatusChoice[] {
  const choices = fromWorkfront?.length
    ? [...fromWorkfront]
    : systemStatuses[kind].map((code) => ({ code, label: null }));
  return choices.some((choice) => choice.code === current)
    ? choices
    : [...choices, { code: current, label: null }];
}

/** The status choices of a kind, and Workfront's label for any of its codes. */
export function useWorkItemStatuses(client: WorkfrontClient, kind: WorkItemKind) {
  const { data } = useQuery(workItemStatusesQuery(client, kind));
  return {
    choicesFor: (current: string) => statusChoices(kind, data, current),
    workfrontLabel: (code: string) => data?.find((choice) => choice.code === code)?.label ?? null,
  };
}

/** Issue statuses that equate with Closed (Workfront's issue-statuses.md): the issue is done. */
const closedIssueStatuses: readonly string[] = ['CLS', 'CND', 'RLV', 'VCP', 'WTR'];

/**
 * The statuses that the item page's Start and Done set, from the statuses Workfront lists for the
 * kind: Start is In progress (INP); Done is Complete (CPL) for a task, Closed (CLS) for an issue,
 * which has no CPL. Each is found by the system status it counts as, the system one first, then a
 * custom one (INP:A) where an instance lists only that. Null where it does not apply: no Start
 * once the item is in progress or done, no Done once it is done; or where Workfront lists none.
 */
export function oneTapStatuses(
  kind: WorkItemKind,
  choices: readonly StatusChoice[],
  current: string,
): { start: StatusChoice | null; done: StatusChoice | null } {
  const system = systemStatusOf(current);
  const finished = kind === 'task' ? system === 'CPL' : closedIssueStatuses.includes(system);
  const meaning = (code: string) =>
    choices.find((choice) => choice.code === code) ??
    choices.find((choice) => systemStatusOf(choice.code) === code) ??
    null;
  return {
    start: finished || system === 'INP' ? null : meaning('INP'),
    done: finished ? null : meaning(kind === 'task' ? 'CPL' : 'CLS'),
  };
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
  return toWorkItemDetail(parseWire(workItemDetailWire, data, `the updated ${kind}`), kind);
}

/**
 * Saves changes to an item. Its cached detail shows them at once and goes back to what it was if
 * the save fails; the lists that show the item are refreshed either way. The PUT sets values, so
 * sending it twice is safe: it is retried as queries are.
 */
export function updateWorkItemMutation(client: WorkfrontClient, kind: WorkItemKind, id: string) {
  const { queryKey } = workItemQuery(client, kind, id);
  return mutationOptions({
    mutationKey: [...queryKey, 'update'],
    mutationFn: (changes: WorkItemChanges) => updateWorkItem(client, kind, id, changes),
    ...workfrontRetryPolicy,
    onMutate: async (changes, { client: queryClient }) => {
      await queryClient.cancelQueries({ queryKey, exact: true });
      const previous = queryClient.getQueryData(queryKey);
      queryClient.setQueryData(queryKey, (old) => old && { ...old, ...changes });
      return { previous };
    },
    // The rollback and the answer go only into a cache that still holds the item: a sign-out
    // empties it, and a late answer must not fill it again.
    onError: (_error, _changes, context, { client: queryClient }) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData(queryKey, (old) => old && previous);
    },
    onSuccess: (updated, _changes, _context, { client: queryClient }) => {
      queryClient.setQueryData(queryKey, (old) => old && updated);
    },
    onSettled: (_data, _error, _changes, _context, { client: queryClient }) =>
      Promise.all(
        [workfrontKeys.myWork(), workfrontKeys.projects()].map((listKey) =>
          queryClient.invalidateQueries({ queryKey: listKey }),
        ),
      ),
  });
}
