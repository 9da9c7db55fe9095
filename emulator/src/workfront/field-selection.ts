import type { WorkfrontData } from './data.ts';
import { unsupportedFieldError } from './envelope.ts';
import { objectSchemas, readField, type ObjectSchema } from './object-schemas.ts';
import type { WorkfrontRecord } from './records.ts';
import { formatWorkfrontDate } from './workfront-date.ts';

/**
 * What `fields=` asks of one object: `*` or named fields on top of what is always sent, and the
 * referenced objects and collections, each with its own selection.
 */
export interface FieldSelection {
  /** The object's default fields, or only its identity for a nested object. */
  base: 'defaults' | 'identity';
  all: boolean;
  fields: string[];
  nested: Map<string, FieldSelection>;
}

/** A referenced object or a collection's element carries these unless more is asked for. */
const identityFields = ['ID', 'name', 'objCode'];

/**
 * Reads `fields=name,project:name,owner:*,assignments:assignedTo:name,*`. An unknown field,
 * reference or collection is refused.
 */
export function parseFieldSelection(
  param: string | undefined,
  schema: ObjectSchema,
  apiModel: string,
): FieldSelection {
  const selection = emptySelection('defaults');
  for (const entry of (param ?? '').split(',')) {
    const path = entry.trim();
    if (path !== '') addPath(selection, schema, path.split(':'), apiModel);
  }
  return selection;
}

function emptySelection(base: FieldSelection['base']): FieldSelection {
  return { base, all: false, fields: [], nested: new Map() };
}

function addPath(
  selection: FieldSelection,
  schema: ObjectSchema,
  path: readonly string[],
  apiModel: string,
): void {
  const [name = '', ...rest] = path;
  if (rest.length === 0 && name === '*') {
    selection.all = true;
  } else if (rest.length === 0 && schema.fields.has(name)) {
    if (!selection.fields.includes(name)) selection.fields.push(name);
  } else {
    const target = schema.references.get(name) ?? schema.collections.get(name);
    if (!target) {
      // Custom data (`DE:<name>`) is not emulated: refused like any other unknown field.
      const field = name === 'DE' ? path.join(':') : name;
      throw unsupportedFieldError(apiModel, field, schema.name);
    }
    let nested = selection.nested.get(name);
    if (!nested) {
      nested = emptySelection('identity');
      selection.nested.set(name, nested);
    }
    if (rest.length > 0) addPath(nested, objectSchemas[target.objCode], rest, apiModel);
  }
}

/**
 * The wire form of a record: its schema's default fields (or identity), then the named ones,
 * dates in Workfront's format. A field named for another object code (work/myWork reads TASK's
 * fields for issues too) is sent as null.
 */
export function projectRecord(
  record: WorkfrontRecord,
  selection: FieldSelection,
  data: WorkfrontData,
): Record<string, unknown> {
  const schema = objectSchemas[record.objCode];
  const base =
    selection.base === 'defaults'
      ? schema.defaultFields
      : identityFields.filter((field) => schema.fields.has(field));
  const names = selection.all ? [...schema.fields.keys()] : [...base, ...selection.fields];
  const wire: Record<string, unknown> = {};
  for (const name of names) {
    if (Object.hasOwn(wire, name)) continue;
    const value = readField(record, name);
    wire[name] =
      schema.fields.get(name)?.kind === 'date' && typeof value === 'number'
        ? formatWorkfrontDate(value)
        : value;
  }
  for (const [name, nested] of selection.nested) {
    const reference = schema.references.get(name);
    const collection = schema.collections.get(name);
    if (reference) {
      const id = readField(record, reference.idField);
      const target = typeof id === 'string' ? data.findById(id) : undefined;
      wire[name] = target ? projectRecord(target, nested, data) : null;
    } else if (collection) {
      wire[name] = data
        .related(collection.objCode, collection.foreignKey, record.ID)
        .map((element) => projectRecord(element, nested, data));
    } else {
      wire[name] = null;
    }
  }
  return wire;
}
