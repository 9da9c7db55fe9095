import { illegalArgumentError, invalidParameterError } from './envelope.ts';

export const defaultLimit = 100;
export const maxLimit = 2000;

/** `$$FIRST` (offset, default 0) and `$$LIMIT` (default 100, at most 2000). */
export interface Paging {
  first: number;
  limit: number;
}

export function parsePaging(params: URLSearchParams): Paging {
  const first = wholeNumber(params, '$$FIRST') ?? 0;
  const limit = wholeNumber(params, '$$LIMIT') ?? defaultLimit;
  if (limit > maxLimit) {
    throw illegalArgumentError(
      `The requested limit ${limit} is greater than the maximum allowed limit of ${maxLimit}`,
    );
  }
  if (limit === 0) throw invalidParameterError('$$LIMIT must be at least 1.');
  return { first, limit };
}

export function page<T>(items: readonly T[], paging: Paging): T[] {
  return items.slice(paging.first, paging.first + paging.limit);
}

function wholeNumber(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  if (!/^\d+$/.test(text))
    throw invalidParameterError(`${name} must be a whole number, not "${text}".`);
  return Number(text);
}
