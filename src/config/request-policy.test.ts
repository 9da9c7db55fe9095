import { describe, expect, it } from 'vitest';
import { requestPolicy, retryAfterMs } from './request-policy';

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);

  it.each<[string | null, number | undefined]>([
    ['3', 3_000],
    [' 0 ', 0],
    ['Tue, 01 Dec 2026 12:00:05 GMT', 5_000],
    ['Tue, 01 Dec 2026 11:00:00 GMT', 0],
    ['86400', requestPolicy.maxRetryAfterSeconds * 1000],
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
    ['-5', undefined],
  ])('reads %j as %s ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
