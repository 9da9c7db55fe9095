import type { Settings } from '../settings.ts';
import { noteObjectIds } from './data.ts';
import { invalidParameterError, unsupportedFieldError } from './envelope.ts';
import { objectSchemas } from './object-schemas.ts';
import type { NoteObjCode, ObjCode, WorkfrontNote } from './records.ts';

/*
 * Creating a note, Workfront's "update" on a task, an issue or a project: `POST note` with its
 * fields in `updates` or as plain parameters (api-basics.md, "POST Behavior"). Workfront's examples
 * name the object by `objID` and `noteObjCode` (workfront-integrations-and-apps/
 * built-in-vs-api-vs-fusion.md: `note?noteText=…&noteObjCode=TASK&objID=<task ID>`;
 * bb-io/AdobeWorkfront `Actions/CommentActions.cs`), or by the object's own field (a StreamClient
 * example in Java, `OverdueTasks.java`, posts `taskID` alone); some clients send both. Workfront
 * documents neither the refusals nor their texts: these are the emulator's.
 */

/** Only notes are created: the emulator has no other object that a client makes. */
export function isCreatable(objCode: ObjCode): objCode is 'NOTE' {
  return objCode === 'NOTE';
}

/** The field that names a note's object of each code. */
const objectIdFields = {
  TASK: 'taskID',
  OPTASK: 'opTaskID',
  PROJ: 'projectID',
} as const satisfies Record<NoteObjCode, string>;

/** The fields that the emulator sets itself on a new note. */
const setByTheEmulator = new Set(['ID', 'objCode', 'entryDate', 'ownerID']);

/** A valid request to create a note; its object is still to be found. */
export interface NoteRequest {
  noteText: string;
  noteObjCode: NoteObjCode;
  objID: string;
  /** Whether the client named the object by `objID` and `noteObjCode`, and by its own ID field. */
  byObjID: boolean;
  byObjectField: boolean;
}

/** Validates every field before anything is created, so that a refused request creates nothing. */
export function readNoteRequest(
  fields: Record<string, unknown>,
  apiModel: string,
  settings: Pick<Settings, 'acceptBlankNoteText'>,
): NoteRequest {
  const schema = objectSchemas.NOTE;
  const text: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!schema.fields.has(field)) throw unsupportedFieldError(apiModel, field, schema.name);
    if (setByTheEmulator.has(field)) {
      throw invalidParameterError(`${field} cannot be set on a new NOTE: the emulator sets it.`);
    }
    if (typeof value !== 'string') {
      throw invalidParameterError(`${field} must be text, not ${JSON.stringify(value)}.`);
    }
    text[field] = value;
  }
  const { noteText = '' } = text;
  if (noteText === '' || (!settings.acceptBlankNoteText && noteText.trim() === '')) {
    throw invalidParameterError('noteText is required: a note needs its text.');
  }
  return { noteText, ...readObject(text) };
}

/** The one object that the request names, by `objID` and `noteObjCode` or by its own field. */
function readObject(text: Record<string, string>): Omit<NoteRequest, 'noteText'> {
  const { objID, noteObjCode } = text;
  if ((objID === undefined) !== (noteObjCode === undefined)) {
    throw invalidParameterError('objID and noteObjCode name the object together: send both.');
  }
  const codes = Object.keys(objectIdFields) as NoteObjCode[];
  const named: { noteObjCode: NoteObjCode; objID: string }[] = [];
  if (objID !== undefined && noteObjCode !== undefined) {
    const code = codes.find((candidate) => candidate === noteObjCode);
    if (code === undefined) {
      throw invalidParameterError(
        `noteObjCode ${noteObjCode} is not one of ${codes.join(', ')}, the objects that the ` +
          'emulator keeps notes on.',
      );
    }
    named.push({ noteObjCode: code, objID });
  }
  const byObjID = named.length > 0;
  for (const code of codes) {
    const ID = text[objectIdFields[code]];
    if (ID !== undefined) named.push({ noteObjCode: code, objID: ID });
  }
  const [first] = named;
  if (first === undefined) {
    throw invalidParameterError(
      'A note needs the object it is on: objID and noteObjCode, or taskID, opTaskID or projectID.',
    );
  }
  if (
    named.some((other) => other.noteObjCode !== first.noteObjCode || other.objID !== first.objID)
  ) {
    throw invalidParameterError("The fields that name the note's object name different objects.");
  }
  return { ...first, byObjID, byObjectField: named.length > (byObjID ? 1 : 0) };
}

/**
 * The new note, owned by the signed-in user and dated now. Under `noteObjectFields: as-sent`, only
 * the fields that the client named the object by are set.
 */
export function newNote(
  request: NoteRequest,
  ID: string,
  owner: { userId: string; now: number },
  settings: Pick<Settings, 'noteObjectFields'>,
): WorkfrontNote {
  const derived = settings.noteObjectFields === 'derived';
  const { noteObjCode, objID } = request;
  const byObjID = derived || request.byObjID;
  return {
    ID,
    objCode: 'NOTE',
    noteText: request.noteText,
    entryDate: owner.now,
    ownerID: owner.userId,
    objID: byObjID ? objID : null,
    noteObjCode: byObjID ? noteObjCode : null,
    ...noteObjectIds(noteObjCode, derived || request.byObjectField ? objID : null),
  };
}
