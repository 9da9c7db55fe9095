import { describe, expect, it } from 'vitest';
import { isWorthRetrying, WorkfrontApiError } from './workfront-errors';

describe('isWorthRetrying', () => {
  it.each<[string, unknown, boolean]>([
    ['a network failure', new WorkfrontApiError('network', 'x'), true],
    ['a 502 page from a proxy', new WorkfrontApiError('http', 'x', { status: 502 }), true],
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
