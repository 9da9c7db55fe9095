import { invalidParameterError } from './envelope.ts';
import { workItemStatuses, type WorkItem, type WorkItemStatus } from './records.ts';

/** The fields of a task or an issue that `PUT …?updates=` may change. */
type WorkItemUpdates = Partial<Pick<WorkItem, 'status' | 'percentComplete'>>;

/**
 * Validates `updates` in full before changing anything, so a refused update changes nothing.
 * Completing an item sets it to 100 percent unless the update names a percentage too.
 */
export function applyWorkItemUpdates(item: WorkItem, updatesJson: string, now: number): void {
  const updates = parseUpdates(updatesJson, item.objCode);
  if (updates.status === 'CPL' && updates.percentComplete === undefined) {
    updates.percentComplete = 100;
  }
  Object.assign(item, updates, { lastUpdateDate: now });
}

function parseUpdates(json: string, objCode: WorkItem['objCode']): WorkItemUpdates {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalidParameterError('updates is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameterError('updates must be a JSON object.');
  }
  const updates: WorkItemUpdates = {};
  for (const [field, value] of Object.entries(parsed)) {
    if (field === 'status') {
      updates.status = parseStatus(value, objCode);
    } else if (field === 'percentComplete') {
      updates.percentComplete = parsePercentComplete(value);
    } else {
      throw invalidParameterError(
        `${field} cannot be updated on ${objCode}: the emulator accepts status and percentComplete.`,
      );
    }
  }
  return updates;
}

function parseStatus(value: unknown, objCode: WorkItem['objCode']): WorkItemStatus {
  const status = workItemStatuses.find((candidate) => candidate === value);
  if (status === undefined) {
    throw invalidParameterError(
      `${JSON.stringify(value)} is not a valid status for ${objCode}. ` +
        `Valid statuses: ${workItemStatuses.join(', ')}.`,
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
