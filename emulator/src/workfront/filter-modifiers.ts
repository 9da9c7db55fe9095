import { parseDateWildcard } from './date-wildcards.ts';
import { invalidParameterError } from './envelope.ts';
import type { FieldKind, FieldValue } from './object-schemas.ts';
import { parseWorkfrontDate, startOfInstanceDay } from './workfront-date.ts';

/**
 * The `_Mod` values of workfront-api-constants (Operators) that the emulator knows. `le` and `ge`
 * are not among them: Workfront spells them `lte` and `gte`.
 */
const modifiers = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notin',
  'contains',
  'notcontains',
  'cicontains',
  'cinotcontains',
  'like',
  'cilike',
  'cieq',
  'cine',
  'ciin',
  'cinotin',
  'isnull',
  'notnull',
  'isblank',
  'notblank',
  'between',
  'notbetween',
  'startswith',
] as const;
type Modifier = (typeof modifiers)[number];

/** One filter as the query names it: `name=…&name_Mod=…&name_Range=…`. */
interface FilterInput {
  /** The parameter name, for messages: `status`, `OR:1:project:name`. */
  name: string;
  kind: FieldKind;
  values: readonly string[];
  mod: string | undefined;
  range: string | undefined;
}

export interface FilterContext {
  /** Anchors `$$NOW` and `$$TODAY`. */
  now: number;
  /** The signed-in user's value for `$$USER` (its ID) or `$$USER.<field>`, or undefined. */
  userValue(field: string): string | undefined;
}

type Comparable = Exclude<FieldValue, null>;
export type ValueTest = (value: FieldValue) => boolean;

const collator = new Intl.Collator('en');
const textModifiers: readonly Modifier[] = [
  'contains',
  'notcontains',
  'cicontains',
  'cinotcontains',
  'like',
  'cilike',
  'cieq',
  'cine',
  'ciin',
  'cinotin',
  'startswith',
];

/**
 * Builds the test of one filter, with SQL's rule for nulls: only `ne`, `isnull` and `isblank`
 * keep a missing value. Without `_Mod` a filter is `between` when it has a `_Range`, `in` when it
 * has several values, and `eq` otherwise. An equality on a date matches the whole day, as
 * Workfront's does unless `exacttime` is asked for.
 */
export function buildValueTest(input: FilterInput, context: FilterContext): ValueTest {
  const { name, kind } = input;
  const mod = input.mod ?? (input.range !== undefined ? 'between' : 'eq');
  if (!isModifier(mod)) {
    throw invalidParameterError(
      `${name}_Mod=${mod} is not a supported modifier. Supported: ${modifiers.join(', ')}.`,
    );
  }
  if (textModifiers.includes(mod) && kind !== 'string') {
    throw invalidParameterError(`${name} is not text, so it cannot be searched with ${mod}.`);
  }
  const parse = (text: string) => parseValue(text, kind, name, context);
  const values = (split: boolean): Comparable[] => {
    const texts = split ? input.values.flatMap((text) => text.split(',')) : input.values;
    if (texts.length === 0) throw invalidParameterError(`${name}_Mod=${mod} needs a value.`);
    return texts.map(parse);
  };
  const single = (): Comparable => {
    const [value] = values(false);
    return value ?? '';
  };
  const text = (): string => String(single());
  switch (mod) {
    case 'isnull':
      return (value) => value === null;
    case 'notnull':
      return (value) => value !== null;
    case 'isblank':
      return (value) => value === null || value === '';
    case 'notblank':
      return (value) => value !== null && value !== '';
    case 'eq':
    case 'in':
      return anyOf(values(mod === 'in'), kind);
    case 'ne':
    case 'notin': {
      const matches = anyOf(values(mod === 'notin'), kind);
      return mod === 'ne'
        ? (value) => !matches(value)
        : (value) => value !== null && !matches(value);
    }
    case 'cieq':
    case 'ciin': {
      const expected = new Set(values(mod === 'ciin').map((value) => lower(String(value))));
      return (value) => typeof value === 'string' && expected.has(lower(value));
    }
    case 'cine':
    case 'cinotin': {
      const excluded = new Set(values(mod === 'cinotin').map((value) => lower(String(value))));
      return (value) => typeof value === 'string' && !excluded.has(lower(value));
    }
    case 'lt':
      return ordered(single(), (order) => order < 0);
    case 'lte':
      return ordered(single(), (order) => order <= 0);
    case 'gt':
      return ordered(single(), (order) => order > 0);
    case 'gte':
      return ordered(single(), (order) => order >= 0);
    case 'contains':
    case 'notcontains':
    case 'cicontains':
    case 'cinotcontains': {
      const ignoreCase = mod.startsWith('ci');
      const needle = ignoreCase ? lower(text()) : text();
      const keep = !mod.includes('not');
      return (value) =>
        typeof value === 'string' && (ignoreCase ? lower(value) : value).includes(needle) === keep;
    }
    case 'like':
    case 'cilike': {
      const pattern = likePattern(text(), mod === 'cilike');
      return (value) => typeof value === 'string' && pattern.test(value);
    }
    case 'startswith': {
      // UPPER(field) LIKE UPPER('value%'): startswith ignores case.
      const prefix = lower(text());
      return (value) => typeof value === 'string' && lower(value).startsWith(prefix);
    }
    case 'between':
    case 'notbetween': {
      if (input.range === undefined) {
        throw invalidParameterError(`${name}_Mod=${mod} needs ${name}_Range.`);
      }
      const lowest = single();
      const highest = parse(input.range);
      const inside = (value: Comparable) =>
        compare(value, lowest) >= 0 && compare(value, highest) <= 0;
      return mod === 'between'
        ? (value) => value !== null && inside(value)
        : (value) => value !== null && !inside(value);
    }
  }
}

function isModifier(mod: string): mod is Modifier {
  return (modifiers as readonly string[]).includes(mod);
}

function anyOf(expected: readonly Comparable[], kind: FieldKind): ValueTest {
  if (kind === 'date') {
    const days = new Set(expected.map((value) => startOfInstanceDay(Number(value))));
    return (value) => typeof value === 'number' && days.has(startOfInstanceDay(value));
  }
  return (value) => value !== null && expected.includes(value);
}

function ordered(expected: Comparable, keep: (order: number) => boolean): ValueTest {
  return (value) => value !== null && keep(compare(value, expected));
}

/** SQL LIKE: `%` is any run of characters, `_` any one character. */
function likePattern(pattern: string, ignoreCase: boolean): RegExp {
  // Neither % nor _ is special in a regular expression, so escaping first leaves them for after.
  const source = pattern
    .replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
    .replaceAll('%', '.*')
    .replaceAll('_', '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
}

function lower(text: string): string {
  return text.toLowerCase();
}

export function compare(a: Comparable, b: Comparable): number {
  return typeof a === 'string' && typeof b === 'string'
    ? collator.compare(a, b)
    : Number(a) - Number(b);
}

function parseValue(
  raw: string,
  kind: FieldKind,
  name: string,
  context: FilterContext,
): Comparable {
  const text = substituteUser(raw, name, context);
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
      const value = parseDateWildcard(text, context.now) ?? parseWorkfrontDate(text);
      if (value === undefined) throw invalidParameterError(`${name} needs a date, not "${text}".`);
      return value;
    }
  }
}

/** `$$USER` and `$$USER.ID` are the signed-in user's ID; `$$USER.<field>` one of its fields. */
function substituteUser(text: string, name: string, context: FilterContext): string {
  const match = /^\$\$USER(?:\.(\w+))?$/.exec(text);
  if (!match) return text;
  const field = match[1] ?? 'ID';
  const value = context.userValue(field);
  if (value === undefined) {
    throw invalidParameterError(`${name}: $$USER.${field} is not a wildcard the emulator knows.`);
  }
  return value;
}
