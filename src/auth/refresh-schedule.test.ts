import { describe, expect, it } from 'vitest';
import { minimumValiditySeconds, refreshMarginSeconds, retryDelaysMs } from './refresh-schedule';

describe('the refresh schedule', () => {
  it('retries a failed refresh after 1, 2, 4 and 8 seconds within a 30-second margin', () => {
    expect(refreshMarginSeconds).toBe(30);
    expect(retryDelaysMs).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('runs every retry while the old token still has its minimum validity left', () => {
    const total = retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThanOrEqual((refreshMarginSeconds - minimumValiditySeconds) * 1000);
    // One retry more would not fit.
    const next = 2 * (retryDelaysMs.at(-1) ?? 0);
    expect(total + next).toBeGreaterThan((refreshMarginSeconds - minimumValiditySeconds) * 1000);
  });
});
