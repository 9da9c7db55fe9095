import type { WorkfrontData } from './data.ts';
import { invalidParameterError } from './envelope.ts';
import {
  objectSchemas,
  readField,
  type FieldKind,
  type FieldValue,
  type ObjectSchema,
  type Reference,
} from './object-schemas.ts';
import type { WorkfrontRecord } from './records.ts';
import { dayMs, parseWorkfrontDate, startOfInstanceDay } from './workfront-date.ts';

/** Filters and sort order of a `search`, `count` or `work/myWork` request. */
export interface SearchQuery {
  filters: Filter[];
  sorts: Sort[];
}

interface Filter {
  field: FieldPath;
  test(value: FieldValue): boolean;
}

interface Sort {
  field: FieldPath;
  descending: boolean;
}

/** A field of the object, or of a referenced one: `status`, `project:status`, `project:owner:name`. */
interface FieldPath {
  kind: FieldKind;
  read(record: WorkfrontRecord, data: WorkfrontData): FieldValue;
}

export interface SearchContext {
  /** Replaces `$$USER.ID` in filter values. */
  userId: string;
  /** Anchors the `$$NOW` and `$$TODAY` wildcards. */
  now: number;
}

type Comparable = Exclude<FieldValue, null>;

/** Query parameters that are not filters. */
const reservedParams = new Set(['fields', 'sessionID', '$$FIRST', '$$LIMIT']);
const collator = new Intl.Collator('en');

export function parseSearchQuery(
  params: URLSearchParams,
  schema: ObjectSchema,
  context: SearchContext,
): SearchQuery {
  const filterNames = new Set<string>();
  const sorts: Sort[] = [];
  for (const key of new Set(params.keys())) {
    if (reservedParams.has(key)) continue;
    if (key.endsWith('_Sort')) {
      sorts.push(parseSort(key.slice(0, -'_Sort'.length), params.get(key) ?? '', schema));
    } else {
      filterNames.add(key.replace(/_(Mod|Range)$/, ''));
    }
  }
  const filters = [...filterNames].map((name) => parseFilter(name, params, schema, context));
  return { filters, sorts };
}

/** Keeps the records that pass every filter, in the requested order (nulls last either way). */
export function runSearch<T extends WorkfrontRecord>(
  records: readonly T[],
  query: SearchQuery,
  data: WorkfrontData,
): T[] {
  const found = records.filter((record) =>
    query.filters.every((filter) => filter.test(filter.field.read(record, data))),
  );
  if (query.sorts.length === 0) return found;
  // Read each sort key once per record rather than once per comparison.
  const keyed = found.map((record) => ({
    record,
    keys: query.sorts.map((sort) => sort.field.read(record, data)),
  }));
  keyed.sort((a, b) => {
    for (const [index, sort] of query.sorts.entries()) {
      const order = compareNullsLast(a.keys[index] ?? null, b.keys[index] ?? null, sort.descending);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map(({ record }) => record);
}

function parseSort(name: string, direction: string, schema: ObjectSchema): Sort {
  const normalized = direction.toLowerCase();
  if (normalized !== 'asc' && normalized !== 'desc') {
    throw invalidParameterError(`${name}_Sort must be asc or desc, not "${direction}".`);
  }
  return { field: resolveFieldPath(name, schema), descending: normalized === 'desc' };
}

function parseFilter(
  name: string,
  params: URLSearchParams,
  schema: ObjectSchema,
  context: SearchContext,
): Filter {
  const field = resolveFieldPath(name, schema);
  const mod = params.get(`${name}_Mod`) ?? 'eq';
  const texts = params.getAll(name).map((text) => text.replaceAll('$$USER.ID', context.userId));
  const parse = (text: string) => parseFilterValue(text, field.kind, name, context.now);
  const single = (): Comparable => {
    const [text] = texts;
    if (text === undefined) throw invalidParameterError(`${name}_Mod=${mod} needs a value.`);
    return parse(text);
  };
  const anyOf = (split: boolean): Comparable[] => {
    const values = (split ? texts.flatMap((text) => text.split(',')) : texts).map(parse);
    if (values.length === 0) throw invalidParameterError(`${name}_Mod=${mod} needs a value.`);
    return values;
  };
  const compared = (predicate: (order: number) => boolean): Filter['test'] => {
    const expected = single();
    return (value) => value !== null && predicate(compare(value, expected));
  };
  switch (mod) {
    case 'eq':
    case 'in': {
      const values = anyOf(mod === 'in');
      return { field, test: (value) => value !== null && values.includes(value) };
    }
    case 'ne': {
      const values = anyOf(false);
      return { field, test: (value) => value === null || !values.includes(value) };
    }
    case 'lt':
      return { field, test: compared((order) => order < 0) };
    case 'le':
      return { field, test: compared((order) => order <= 0) };
    case 'gt':
      return { field, test: compared((order) => order > 0) };
    case 'ge':
      return { field, test: compared((order) => order >= 0) };
    case 'contains':
    case 'cicontains':
      return { field, test: containsTest(name, field.kind, single(), mod === 'cicontains') };
    case 'between': {
      const lower = single();
      const upperText = params.get(`${name}_Range`);
      if (upperText === null)
        throw invalidParameterError(`${name}_Mod=between needs ${name}_Range.`);
      const upper = parse(upperText.replaceAll('$$USER.ID', context.userId));
      return {
        field,
        test: (value) => value !== null && compare(value, lower) >= 0 && compare(value, upper) <= 0,
      };
    }
    case 'isnull':
      return { field, test: (value) => value === null };
    case 'notnull':
      return { field, test: (value) => value !== null };
    default:
      throw invalidParameterError(`${name}_Mod=${mod} is not a supported modifier.`);
  }
}

function containsTest(
  name: string,
  kind: FieldKind,
  expected: Comparable,
  ignoreCase: boolean,
): Filter['test'] {
  if (kind !== 'string' || typeof expected !== 'string') {
    throw invalidParameterError(`${name} is not text, so it cannot be searched with contains.`);
  }
  const needle = ignoreCase ? expected.toLowerCase() : expected;
  return (value) =>
    typeof value === 'string' && (ignoreCase ? value.toLowerCase() : value).includes(needle);
}

function resolveFieldPath(name: string, schema: ObjectSchema): FieldPath {
  const steps = name.split(':');
  const field = steps.pop() ?? '';
  const references: Reference[] = [];
  let target = schema;
  for (const step of steps) {
    const reference = target.references.get(step);
    if (!reference) {
      throw invalidParameterError(`Cannot find field [${step}] for objCode ${target.objCode}.`);
    }
    references.push(reference);
    target = objectSchemas[reference.objCode];
  }
  const kind = target.fields.get(field);
  if (!kind)
    throw invalidParameterError(`Cannot find field [${field}] for objCode ${target.objCode}.`);
  return {
    kind,
    read(record, data) {
      let current: WorkfrontRecord | undefined = record;
      for (const reference of references) {
        const id = readField(current, reference.idField);
        current = typeof id === 'string' ? data.findById(id) : undefined;
        if (!current) return null;
      }
      return readField(current, field);
    },
  };
}

function parseFilterValue(text: string, kind: FieldKind, name: string, now: number): Comparable {
  switch (kind) {
    case 'string':
      return text;
    case 'number': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) {
        throw invalidParameterError(`${name} needs a number, not "${text}".`);
      }
      return value;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') {
        throw invalidParameterError(`${name} needs true or false, not "${text}".`);
      }
      return text === 'true';
    case 'date': {
      const value = parseDateWildcard(text, now) ?? parseWorkfrontDate(text);
      if (value === undefined) throw invalidParameterError(`${name} needs a date, not "${text}".`);
      return value;
    }
  }
}

const wildcardUnits = { h: 60 * 60_000, d: dayMs, w: 7 * dayMs } as const;

/** `$$NOW` and `$$TODAY` (midnight, instance time), optionally moved: `$$TODAY+7d`, `$$NOW-2h`. */
function parseDateWildcard(text: string, now: number): number | undefined {
  const match = /^\$\$(NOW|TODAY)(?:([+-]\d+)([hdw]))?$/.exec(text);
  if (!match) return undefined;
  const [, anchor, amount = '0', unit = 'd'] = match;
  const base = anchor === 'NOW' ? now : startOfInstanceDay(now);
  return base + Number(amount) * wildcardUnits[unit as keyof typeof wildcardUnits];
}

function compare(a: Comparable, b: Comparable): number {
  return typeof a === 'string' && typeof b === 'string'
    ? collator.compare(a, b)
    : Number(a) - Number(b);
}

function compareNullsLast(a: FieldValue, b: FieldValue, descending: boolean): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return descending ? compare(b, a) : compare(a, b);
}
