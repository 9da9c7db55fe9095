import * as v from 'valibot';
import { parseWorkfrontDate } from './workfront-date';
import { WorkfrontApiError } from './workfront-errors';

/** A Workfront date on the wire, read into a Date. */
export const wireDate = v.pipe(
  v.string(),
  v.check((text) => parseWorkfrontDate(text) !== null, 'is not a Workfront date'),
  v.transform((text) => parseWorkfrontDate(text) ?? new Date(NaN)),
);

export const optionalWireDate = v.nullish(wireDate, null);

export const wireId = v.pipe(v.string(), v.nonEmpty('is empty'));

export const wireReference = v.nullish(v.object({ ID: wireId, name: v.string() }), null);

/**
 * Checks Workfront's data at the boundary. Malformed data becomes one clear error here instead
 * of a crash deep inside a component.
 */
export function parseWire<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  what: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  throw new WorkfrontApiError(
    'malformed',
    `Workfront sent ${what} that this app cannot read (${path ? `${path}: ` : ''}${issue.message}).`,
  );
}
