import * as v from 'valibot';
import type { WorkItemChanges, WorkItemKind } from '../workfront';
import { draftPrefix } from './forget-drafts';

/**
 * What the user typed in a work item's update form and has not saved, as typed: only the fields
 * that differ from the item. It is kept in this tab's sessionStorage, so that it outlives a
 * session that ends, a reload and the sign-in bounce. It holds form values only, never a token.
 */
export type WorkItemDraft = Partial<Record<'status' | 'percentComplete', string>>;

/** Whose draft it is, and of which item. */
export interface DraftOwner {
  userId: string;
  kind: WorkItemKind;
  id: string;
}

/** `workfront.workItemDraft:<user ID>:<kind>:<item ID>`, each part URI-encoded. */
export function draftStorageKey({ userId, kind, id }: DraftOwner): string {
  return [draftPrefix, userId, kind, id].map(encodeURIComponent).join(':');
}

/** Where an update the user is writing on the item waits until it is posted. */
export const noteDraftKey = (owner: DraftOwner) => `${draftStorageKey(owner)}:note`;

const storedDraft = v.object({
  status: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(200))),
  percentComplete: v.optional(v.pipe(v.string(), v.maxLength(20))),
});

/** Storage may be unavailable (privacy settings) or full: a draft is a help, never a failure. */
function quietly<T>(step: (storage: Storage) => T, storage?: Storage): T | undefined {
  try {
    return step(storage ?? window.sessionStorage);
  } catch {
    return undefined;
  }
}

/** The stored draft, or null. Anything stored that is not a draft is removed. */
export function readDraft(key: string, storage?: Storage): WorkItemDraft | null {
  return (
    quietly((store) => {
      const text = store.getItem(key);
      if (text === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const result = v.safeParse(storedDraft, parsed);
      if (result.success && !isEmptyDraft(result.output)) return result.output;
      store.removeItem(key);
      return null;
    }, storage) ?? null
  );
}

/** Keeps the draft, or removes it when nothing is left unsaved. */
export function writeDraft(key: string, draft: WorkItemDraft, storage?: Storage): void {
  quietly((store) => {
    if (isEmptyDraft(draft)) store.removeItem(key);
    else store.setItem(key, JSON.stringify(draft));
  }, storage);
}

export function isEmptyDraft(draft: WorkItemDraft): boolean {
  return draft.status === undefined && draft.percentComplete === undefined;
}

/** A typed percentage as a number, or NaN while the field is empty or not a number. */
const percentOf = (typed: string) => (typed.trim() === '' ? NaN : Number(typed));

/** The part of a draft that differs from the item's saved values. */
export function unsavedPart(
  draft: WorkItemDraft,
  saved: { status: string; percentComplete: number },
): WorkItemDraft {
  const unsaved: WorkItemDraft = {};
  if (draft.status !== undefined && draft.status !== saved.status) unsaved.status = draft.status;
  if (
    draft.percentComplete !== undefined &&
    percentOf(draft.percentComplete) !== saved.percentComplete
  ) {
    unsaved.percentComplete = draft.percentComplete;
  }
  return unsaved;
}

/** The draft as changes for Workfront; a percentage that is not a number is left out. */
export function toChanges(draft: WorkItemDraft): WorkItemChanges {
  const changes: WorkItemChanges = {};
  if (draft.status !== undefined) changes.status = draft.status;
  const percent = percentOf(draft.percentComplete ?? '');
  if (Number.isFinite(percent)) changes.percentComplete = percent;
  return changes;
}

/** What is left of a draft once `saved` is saved: the fields typed again since it was sent. */
export function withoutSaved(draft: WorkItemDraft, saved: WorkItemChanges): WorkItemDraft {
  const left = { ...draft };
  if (saved.status !== undefined && left.status === saved.status) delete left.status;
  if (
    saved.percentComplete !== undefined &&
    left.percentComplete !== undefined &&
    percentOf(left.percentComplete) === saved.percentComplete
  ) {
    delete left.percentComplete;
  }
  return left;
}

/** The update kept for the item, or ''. */
export function readNoteDraft(key: string, storage?: Storage): string {
  return quietly((store) => store.getItem(key), storage) ?? '';
}

/** Keeps the update being written, or removes it once nothing is left to post. */
export function writeNoteDraft(key: string, text: string, storage?: Storage): void {
  quietly((store) => {
    if (text.trim() === '') store.removeItem(key);
    else store.setItem(key, text);
  }, storage);
}

/**
 * Forgets the kept update once Workfront has `posted`, unless it was written on since: the
 * user's newer words stay. It runs even when the form is gone, so a post that lands after the
 * user left the page cannot come back in the box and be posted twice.
 */
export function forgetPostedNote(key: string, posted: string, storage?: Storage): void {
  if (readNoteDraft(key, storage).trim() === posted) writeNoteDraft(key, '', storage);
}
