import * as v from 'valibot';
import { parseWire } from './wire-schemas';

/** A status the user may choose: its code, and Workfront's label for it when Workfront gave one. */
export interface StatusChoice {
  code: string;
  label: string | null;
}

const metadataWire = v.object({
  fields: v.object({
    status: v.object({
      possibleValues: v.array(v.object({ value: v.string(), label: v.nullish(v.string(), null) })),
    }),
  }),
});

/** The statuses in `<obj>/metadata`, custom ones included, in Workfront's order. */
export function parseStatusMetadata(data: unknown, what: string): StatusChoice[] {
  const { possibleValues } = parseWire(metadataWire, data, what).fields.status;
  return possibleValues.map(({ value, label }) => ({ code: value, label }));
}
