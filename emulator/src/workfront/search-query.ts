import type { WorkfrontData } from './data.ts';
import { invalidParameterError } from './envelope.ts';
import { resolveFieldPath, type FieldPath } from './field-paths.ts';
import { buildValueTest, compare, type FilterContext, type ValueTest } from './filter-modifiers.ts';
import type { FieldValue, ObjectSchema } from './object-schemas.ts';
import type { WorkfrontRecord } from './records.ts';

/**
 * Filters and sort order of a `search`, `count` or `work/myWork` request. The filters without a
 * prefix are one group, each `OR:<n>:` prefix another; a record is found when every filter of one
 * group holds ("filters are not implied across OR statement levels", api-basics.md).
 */
export interface SearchQuery {
  groups: Filter[][];
  sorts: Sort[];
}

interface Filter {
  field: FieldPath;
  test: ValueTest;
}

interface Sort {
  field: FieldPath;
  descending: boolean;
  ignoreCase: boolean;
}

export interface SearchContext extends FilterContext {
  /** Names the API model in the error for an unknown field: `V20_0`. */
  apiModel: string;
}

/** Query parameters that are not filters. */
const reservedParams = new Set(['fields', 'sessionID', 'method', '$$FIRST', '$$LIMIT']);
const sortOrders = ['asc', 'desc', 'ciasc', 'cidesc'];
const caseInsensitive = new Intl.Collator('en', { sensitivity: 'accent' });

export function parseSearchQuery(
  params: URLSearchParams,
  schema: ObjectSchema,
  context: SearchContext,
): SearchQuery {
  const groups = new Map<string, Set<string>>();
  const sortKeys: { name: string; order: string; position: number | undefined }[] = [];
  for (const key of new Set(params.keys())) {
    if (reservedParams.has(key)) continue;
    const sort = /^(.+?)(?:_(\d+))?_Sort$/.exec(key);
    const [, prefix = '', rest = key] = /^(OR:\d+:)?(.*)$/.exec(key) ?? [];
    if (sort && prefix === '') {
      const [, name = '', position] = sort;
      const order = params.get(key) ?? '';
      sortKeys.push({
        name,
        order,
        position: position === undefined ? undefined : Number(position),
      });
    } else if (sort) {
      throw invalidParameterError(`${key}: an OR group filters; it cannot sort.`);
    } else {
      const names = groups.get(prefix) ?? new Set();
      names.add(rest.replace(/_(Mod|Range)$/, ''));
      groups.set(prefix, names);
    }
  }
  const filterGroups = [...groups].map(([prefix, names]) =>
    [...names].map((name) => parseFilter(prefix, name, params, schema, context)),
  );
  // Numbered sort keys (`name_1_Sort`) go by their number; unnumbered ones follow, as given.
  const ordered = [...sortKeys].sort((a, b) =>
    a.position === b.position ? 0 : (a.position ?? Infinity) < (b.position ?? Infinity) ? -1 : 1,
  );
  return {
    groups: filterGroups,
    sorts: ordered.map(({ name, order }) => parseSort(name, order, schema, context)),
  };
}

/** Keeps the records that one group of filters accepts, in the requested order (nulls last). */
export function runSearch<T extends WorkfrontRecord>(
  records: readonly T[],
  query: SearchQuery,
  data: WorkfrontData,
): T[] {
  const { groups } = query;
  const found =
    groups.length === 0
      ? [...records]
      : records.filter((record) =>
          groups.some((filters) => filters.every((filter) => passes(filter, record, data))),
        );
  if (query.sorts.length === 0) return found;
  // Read each sort key once per record rather than once per comparison.
  const keyed = found.map((record) => ({
    record,
    keys: query.sorts.map((sort) => sort.field.read(record, data)[0] ?? null),
  }));
  keyed.sort((a, b) => {
    for (const [index, sort] of query.sorts.entries()) {
      const order = compareNullsLast(a.keys[index] ?? null, b.keys[index] ?? null, sort);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map(({ record }) => record);
}

/** A collection passes when one of its elements does; an empty one is read as a single null. */
function passes(filter: Filter, record: WorkfrontRecord, data: WorkfrontData): boolean {
  const values = filter.field.read(record, data);
  return values.length === 0 ? filter.test(null) : values.some(filter.test);
}

function parseFilter(
  prefix: string,
  name: string,
  params: URLSearchParams,
  schema: ObjectSchema,
  context: SearchContext,
): Filter {
  const key = `${prefix}${name}`;
  const field = resolveFieldPath(name, schema, context.apiModel);
  const test = buildValueTest(
    {
      name: key,
      kind: field.kind,
      values: params.getAll(key),
      mod: params.get(`${key}_Mod`) ?? undefined,
      range: params.get(`${key}_Range`) ?? undefined,
    },
    context,
  );
  return { field, test };
}

function parseSort(
  name: string,
  order: string,
  schema: ObjectSchema,
  context: SearchContext,
): Sort {
  const normalized = order.toLowerCase();
  if (!sortOrders.includes(normalized)) {
    throw invalidParameterError(`${name}_Sort must be ${sortOrders.join(', ')}, not "${order}".`);
  }
  const field = resolveFieldPath(name, schema, context.apiModel);
  if (field.many) throw invalidParameterError(`${name} is in a collection, so it cannot sort.`);
  return {
    field,
    descending: normalized.endsWith('desc'),
    ignoreCase: normalized.startsWith('ci'),
  };
}

function compareNullsLast(a: FieldValue, b: FieldValue, sort: Sort): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  const [first, second] = sort.descending ? [b, a] : [a, b];
  return sort.ignoreCase && typeof first === 'string' && typeof second === 'string'
    ? caseInsensitive.compare(first, second)
    : compare(first, second);
}
