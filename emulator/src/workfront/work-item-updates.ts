import { invalidParameterError, unsupportedFieldError } from './envelope.ts';
import { objectSchemas } from './object-schemas.ts';
import type { ObjCode, WorkItem } from './records.ts';
import { isFinished, statusChoicesOf } from './statuses.ts';

/** Edits are emulated for tasks and issues only. */
export function isEditable(objCode: ObjCode): objCode is WorkItem['objCode'] {
  return objCode === 'TASK' || objCode === 'OPTASK';
}

/** The fields of a task or an issue that an edit may change. */
const updatableFields = ['status', 'percentComplete'];

/** Where an edit's or a creation's fields come from: `updates` as JSON text, and plain parameters. */
export interface UpdateSources {
  /** The `updates` parameter (query or form body), or else the JSON body; undefined if none. */
  updatesJson: string | undefined;
  /** Parameters that are neither reserved nor `updates`: `status=INP`. */
  fieldParams: readonly (readonly [string, string])[];
}

/**
 * Validates every change before applying any, so a refused edit changes nothing. Finishing an
 * item (CPL for a task, a closed status for an issue) sets it to 100 percent unless the edit
 * names a percentage too.
 */
export function applyWorkItemUpdates(
  item: WorkItem,
  sources: UpdateSources,
  now: number,
  apiModel: string,
): void {
  const changes = readUpdates(sources);
  if (Object.keys(changes).length === 0) {
    throw invalidParameterError(
      'Send updates (in the query, a form body or a JSON body) or field parameters such as ' +
        'status=INP.',
    );
  }
  const schema = objectSchemas[item.objCode];
  const updates: { status?: string; percentComplete?: number } = {};
  for (const [field, value] of Object.entries(changes)) {
    if (!schema.fields.has(field)) throw unsupportedFieldError(apiModel, field, schema.name);
    if (field === 'status') {
      updates.status = parseStatus(value, item.objCode);
    } else if (field === 'percentComplete') {
      updates.percentComplete = parsePercentComplete(value);
    } else {
      throw invalidParameterError(
        `${field} cannot be updated on ${item.objCode}: the emulator accepts ` +
          `${updatableFields.join(' and ')}.`,
      );
    }
  }
  if (
    updates.status !== undefined &&
    isFinished(item.objCode, updates.status) &&
    updates.percentComplete === undefined
  ) {
    updates.percentComplete = 100;
  }
  Object.assign(item, updates, { lastUpdateDate: now });
}

/** The fields that the sources name, `updates` winning over a plain parameter of the same name. */
export function readUpdates(sources: UpdateSources): Record<string, unknown> {
  return { ...fromParams(sources.fieldParams), ...fromJson(sources.updatesJson) };
}

/** Plain parameters are text; a number field takes the number the text spells. */
function fromParams(params: UpdateSources['fieldParams']): Record<string, unknown> {
  return Object.fromEntries(
    params.map(([field, text]) => {
      const number = Number(text);
      return [field, field === 'percentComplete' && text.trim() !== '' ? number : text];
    }),
  );
}

function fromJson(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalidParameterError('updates is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameterError('updates must be a JSON object.');
  }
  return { ...parsed };
}

function parseStatus(value: unknown, objCode: WorkItem['objCode']): string {
  const choices = statusChoicesOf(objCode).map((choice) => choice.value);
  const status = choices.find((candidate) => candidate === value);
  if (status === undefined) {
    throw invalidParameterError(
      `${JSON.stringify(value)} is not a valid status for ${objCode}. ` +
        `Valid statuses: ${choices.join(', ')}.`,
    );
  }
  return status;
}

function parsePercentComplete(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw invalidParameterError(
      `percentComplete must be a number from 0 to 100, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}
