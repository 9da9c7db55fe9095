import { describe, expect, it } from 'vitest';
import { isWorthRetrying, retryDelayMs, WorkfrontApiError } from './workfront-errors';

describe('isWorthRetrying', () => {
  it.each<[string, unknown, boolean]>([
    ['a network failure', new WorkfrontApiError('network', 'x'), true],
    [
      'a timeout, left to the user',
      new WorkfrontApiError('timeout', 'x', { timeoutSeconds: 30 }),
      false,
    ],
    ['a 502 page from a proxy', new WorkfrontApiError('http', 'x', { status: 502 }), true],
    ['a rate limit without an envelope', new WorkfrontApiError('http', 'x', { status: 429 }), true],
    ['a 404 without an envelope', new WorkfrontApiError('http', 'x', { status: 404 }), false],
    ['the concurrency limit', new WorkfrontApiError('workfront', 'x', { status: 429 }), true],
    ['a refused update', new WorkfrontApiError('workfront', 'x', { status: 422 }), false],
    ['an envelope on a 500', new WorkfrontApiError('workfront', 'x', { status: 500 }), false],
    ['malformed data', new WorkfrontApiError('malformed', 'x', { status: 200 }), false],
    ['an expired session', new WorkfrontApiError('authentication', 'x', { status: 401 }), false],
    ['a refresh that failed on the way', new WorkfrontApiError('session', 'x'), true],
    ['a bug', new TypeError('x is undefined'), false],
  ])('%s: %s', (_, error, expected) => {
    expect(isWorthRetrying(error)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('waits what Retry-After asked for', () => {
    const limited = new WorkfrontApiError('http', 'x', { status: 429, retryAfterMs: 7_000 });
    expect(retryDelayMs(0, limited)).toBe(7_000);
    expect(retryDelayMs(2, limited)).toBe(7_000);
  });

  it('backs off 1, 2, 4… seconds, at most 30, otherwise', () => {
    const failure = new WorkfrontApiError('network', 'x');
    expect([0, 1, 2, 5, 9].map((n) => retryDelayMs(n, failure))).toEqual([
      1_000, 2_000, 4_000, 30_000, 30_000,
    ]);
  });
});
