import { describe, expect, it } from 'vitest';
import { retryTransientFailures, workfrontRetryPolicy } from './retry-policy';
import { WorkfrontApiError } from './workfront-errors';

describe('retryTransientFailures', () => {
  const unreachable = new WorkfrontApiError('network', 'Workfront could not be reached.');
  const refused = new WorkfrontApiError('workfront', 'No such status', { status: 422 });

  it('retries a failure that may pass next time, three times', () => {
    expect([0, 1, 2, 3].map((failures) => retryTransientFailures(failures, unreachable))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("never retries Workfront's refusal, nor an error that is not Workfront's", () => {
    expect(retryTransientFailures(0, refused)).toBe(false);
    expect(retryTransientFailures(0, new TypeError('a bug'))).toBe(false);
  });
});

describe('workfrontRetryPolicy', () => {
  it('waits 1, 2 and 4 seconds between the attempts, as TanStack Query does', () => {
    const failure = new WorkfrontApiError('network', 'Workfront could not be reached.');
    expect([0, 1, 2].map((n) => workfrontRetryPolicy.retryDelay(n, failure))).toEqual([
      1_000, 2_000, 4_000,
    ]);
  });
});
