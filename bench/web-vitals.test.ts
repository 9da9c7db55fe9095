import { describe, expect, it } from 'vitest';
import {
  cumulativeLayoutShift,
  largestContentfulPaint,
  totalBlockingTime,
  vitalsOf,
  type LayoutShift,
} from './web-vitals';

const shift = (startTime: number, value: number, hadRecentInput = false): LayoutShift => ({
  startTime,
  value,
  hadRecentInput,
});

describe('largestContentfulPaint', () => {
  it('is the last candidate', () => {
    expect(largestContentfulPaint([{ startTime: 120 }, { startTime: 480 }])).toBe(480);
  });

  it('is NaN with none', () => {
    expect(largestContentfulPaint([])).toBeNaN();
  });
});

describe('cumulativeLayoutShift', () => {
  it('is 0 without shifts', () => {
    expect(cumulativeLayoutShift([])).toBe(0);
  });

  it('sums shifts less than a second apart into one window', () => {
    expect(cumulativeLayoutShift([shift(100, 0.1), shift(900, 0.05), shift(1800, 0.02)])).toBe(
      0.1 + 0.05 + 0.02,
    );
  });

  it('takes the largest window, not the sum of all', () => {
    // A second's gap ends the first window (0.15); the second one is larger (0.2).
    expect(cumulativeLayoutShift([shift(0, 0.1), shift(500, 0.05), shift(2000, 0.2)])).toBeCloseTo(
      0.2,
    );
  });

  it('closes a window after five seconds, however close its shifts', () => {
    const steady = Array.from({ length: 12 }, (_, index) => shift(index * 900, 0.01));
    // 0 … 4500 ms: six shifts in the first window; 5400 … 9900: the other six.
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.06);
  });

  it('leaves out shifts just after input', () => {
    expect(cumulativeLayoutShift([shift(100, 0.3, true), shift(200, 0.01)])).toBeCloseTo(0.01);
  });

  it('does not depend on the order the entries came in', () => {
    expect(cumulativeLayoutShift([shift(900, 0.05), shift(100, 0.1)])).toBeCloseTo(0.15);
  });
});

describe('totalBlockingTime', () => {
  it('adds what each long task lasted beyond 50 ms', () => {
    const tasks = [
      { startTime: 200, duration: 120 },
      { startTime: 400, duration: 60 },
      { startTime: 500, duration: 50 },
    ];
    expect(totalBlockingTime(tasks, 100, 2_000)).toBe(70 + 10);
  });

  it('counts only the part of a task after first contentful paint', () => {
    // 100 ms before FCP, 80 after it: 30 ms of blocking.
    expect(totalBlockingTime([{ startTime: 0, duration: 180 }], 100, 1_000)).toBe(30);
  });

  it('counts only the part before the end of the measurement', () => {
    expect(totalBlockingTime([{ startTime: 900, duration: 200 }], 0, 1_000)).toBe(50);
  });

  it('counts nothing before FCP, after the end, or in an empty window', () => {
    const tasks = [
      { startTime: 0, duration: 90 },
      { startTime: 2_000, duration: 300 },
    ];
    expect(totalBlockingTime(tasks, 100, 1_500)).toBe(0);
    expect(totalBlockingTime(tasks, 1_000, 1_000)).toBe(0);
  });
});

describe('vitalsOf', () => {
  it('puts the three together', () => {
    expect(
      vitalsOf({
        firstContentfulPaint: 100,
        largestPaints: [{ startTime: 100 }, { startTime: 350 }],
        layoutShifts: [shift(400, 0.02)],
        longTasks: [{ startTime: 150, duration: 110 }],
        endTime: 3_000,
      }),
    ).toEqual({ lcpMs: 350, cls: 0.02, tbtMs: 60, fcpMs: 100 });
  });

  it('has no blocking time without a first contentful paint', () => {
    expect(
      vitalsOf({
        firstContentfulPaint: undefined,
        largestPaints: [],
        layoutShifts: [],
        longTasks: [],
        endTime: 1,
      }).tbtMs,
    ).toBeNaN();
  });
});
