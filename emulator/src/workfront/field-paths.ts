import type { WorkfrontData } from './data.ts';
import { unsupportedFieldError } from './envelope.ts';
import {
  objectSchemas,
  readField,
  type FieldKind,
  type FieldValue,
  type ObjectSchema,
} from './object-schemas.ts';
import type { WorkfrontRecord } from './records.ts';

/**
 * A field of the object, of a referenced one or of a collection's elements: `status`,
 * `project:owner:name`, `assignments:assignedToID`.
 */
export interface FieldPath {
  kind: FieldKind;
  /** True when a collection is on the way, so that one record may have several values. */
  many: boolean;
  /** Every value the path reaches; none when a reference is empty or a collection has no element. */
  read(record: WorkfrontRecord, data: WorkfrontData): FieldValue[];
}

type Step = (record: WorkfrontRecord, data: WorkfrontData) => readonly WorkfrontRecord[];

/** Resolves `a:b:c` against the schema; a name the object does not have is refused. */
export function resolveFieldPath(name: string, schema: ObjectSchema, apiModel: string): FieldPath {
  const names = name.split(':');
  const field = names.pop() ?? '';
  const steps: Step[] = [];
  let target = schema;
  let many = false;
  for (const step of names) {
    const reference = target.references.get(step);
    const collection = target.collections.get(step);
    if (reference) {
      steps.push((record, data) => {
        const id = readField(record, reference.idField);
        const found = typeof id === 'string' ? data.findById(id) : undefined;
        return found ? [found] : [];
      });
      target = objectSchemas[reference.objCode];
    } else if (collection) {
      steps.push((record, data) =>
        data.related(collection.objCode, collection.foreignKey, record.ID),
      );
      target = objectSchemas[collection.objCode];
      many = true;
    } else {
      throw unsupportedFieldError(apiModel, step, target.name);
    }
  }
  const spec = target.fields.get(field);
  if (!spec) throw unsupportedFieldError(apiModel, field, target.name);
  if (steps.length === 0) {
    return { kind: spec.kind, many, read: (record) => [readField(record, field)] };
  }
  return {
    kind: spec.kind,
    many,
    read(record, data) {
      let records: readonly WorkfrontRecord[] = [record];
      for (const step of steps) records = records.flatMap((current) => step(current, data));
      return records.map((current) => readField(current, field));
    },
  };
}
