import type { WorkfrontData } from './data.ts';
import { invalidParameterError } from './envelope.ts';
import { objectSchemas, readField, type ObjectSchema } from './object-schemas.ts';
import type { WorkfrontRecord } from './records.ts';
import { formatWorkfrontDate } from './workfront-date.ts';

/** What `fields=` asks of one object: its fields in order, or `*`, and referenced objects. */
export interface FieldSelection {
  all: boolean;
  fields: string[];
  references: Map<string, FieldSelection>;
}

/** A referenced object always carries these, as `{"project":{"ID","name","objCode"}}` does. */
const identityFields = ['ID', 'name', 'objCode'];

/**
 * Reads `fields=name,project:name,owner:*,*`. The object's default fields are always included;
 * an unknown field or reference is refused.
 */
export function parseFieldSelection(
  param: string | undefined,
  schema: ObjectSchema,
): FieldSelection {
  const selection: FieldSelection = {
    all: false,
    fields: [...schema.defaultFields],
    references: new Map(),
  };
  for (const entry of (param ?? '').split(',')) {
    const path = entry.trim();
    if (path !== '') addPath(selection, schema, path.split(':'));
  }
  return selection;
}

function addPath(selection: FieldSelection, schema: ObjectSchema, path: readonly string[]): void {
  const [name = '', ...rest] = path;
  if (rest.length === 0 && name === '*') {
    selection.all = true;
  } else if (rest.length === 0 && schema.fields.has(name)) {
    if (!selection.fields.includes(name)) selection.fields.push(name);
  } else {
    const reference = schema.references.get(name);
    if (!reference) {
      throw invalidParameterError(`Cannot find field [${name}] for objCode ${schema.objCode}.`);
    }
    const target = objectSchemas[reference.objCode];
    let nested = selection.references.get(name);
    if (!nested) {
      nested = {
        all: false,
        fields: identityFields.filter((field) => target.fields.has(field)),
        references: new Map(),
      };
      selection.references.set(name, nested);
    }
    if (rest.length > 0) addPath(nested, target, rest);
  }
}

/** The wire form of a record: the selected fields, dates in Workfront's format. */
export function projectRecord(
  record: WorkfrontRecord,
  selection: FieldSelection,
  data: WorkfrontData,
): Record<string, unknown> {
  const schema = objectSchemas[record.objCode];
  const names = selection.all ? [...schema.fields.keys()] : selection.fields;
  const wire: Record<string, unknown> = {};
  for (const name of names) {
    const value = readField(record, name);
    wire[name] =
      schema.fields.get(name) === 'date' && typeof value === 'number'
        ? formatWorkfrontDate(value)
        : value;
  }
  for (const [name, nested] of selection.references) {
    const reference = schema.references.get(name);
    const id = reference ? readField(record, reference.idField) : null;
    const target = typeof id === 'string' ? data.findById(id) : undefined;
    wire[name] = target ? projectRecord(target, nested, data) : null;
  }
  return wire;
}
