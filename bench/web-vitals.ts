/**
 * Lighthouse's page-load metrics, computed from what Chromium's own PerformanceObserver entries
 * give a page (bench/page-metrics.ts collects them): largest contentful paint, cumulative layout
 * shift and total blocking time. Pure, so that the arithmetic is tested on its own
 * (web-vitals.test.ts). All times are in ms from the document's time origin.
 */

export interface LayoutShift {
  startTime: number;
  value: number;
  /** Within 500 ms of a tap, click or key press: expected, so not counted. */
  hadRecentInput: boolean;
}

export interface LongTask {
  startTime: number;
  duration: number;
}

export interface LargestPaint {
  startTime: number;
}

/** What the page's observers collected, until the measurement ended. */
export interface VitalsEntries {
  firstContentfulPaint: number | undefined;
  largestPaints: LargestPaint[];
  layoutShifts: LayoutShift[];
  longTasks: LongTask[];
  /** When the bench read the entries: the end of the window for total blocking time. */
  endTime: number;
}

export interface Vitals {
  /** Largest contentful paint, ms: the last candidate Chromium reported. */
  lcpMs: number;
  /** Cumulative layout shift: the largest session window, without shifts after input. */
  cls: number;
  /** Total blocking time, ms: each long task's time beyond 50 ms, between FCP and the end. */
  tbtMs: number;
  /** First contentful paint, ms: where the blocking time starts. */
  fcpMs: number;
}

/** The part of a task beyond this blocks input (the RAIL model's 50 ms). */
export const blockingThresholdMs = 50;
/** A session window ends after a second without a shift… */
const sessionGapMs = 1_000;
/** …or five seconds after it began. */
const sessionMaxMs = 5_000;

/** The last (so largest) LCP candidate; NaN when Chromium reported none. */
export function largestContentfulPaint(entries: readonly LargestPaint[]): number {
  return entries.length === 0 ? Number.NaN : Math.max(...entries.map((entry) => entry.startTime));
}

/**
 * CLS as Chrome defines it since 2021: shifts without recent input are grouped into session
 * windows (each shift less than 1 s after the one before, the window at most 5 s long), and the
 * score is the largest window's sum.
 */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  const counted = shifts
    .filter((shift) => !shift.hadRecentInput)
    .sort((a, b) => a.startTime - b.startTime);
  let largest = 0;
  let windowSum = 0;
  let windowStart = Number.NEGATIVE_INFINITY;
  let previous = Number.NEGATIVE_INFINITY;
  for (const shift of counted) {
    const startsNew =
      shift.startTime - previous >= sessionGapMs || shift.startTime - windowStart >= sessionMaxMs;
    if (startsNew) {
      windowStart = shift.startTime;
      windowSum = 0;
    }
    windowSum += shift.value;
    previous = shift.startTime;
    largest = Math.max(largest, windowSum);
  }
  return largest;
}

/**
 * TBT as Lighthouse sums it: every long task, clipped to the window from first contentful paint
 * to `end`, adds what it lasted in that window beyond 50 ms.
 */
export function totalBlockingTime(
  tasks: readonly LongTask[],
  firstContentfulPaint: number,
  end: number,
): number {
  if (!(end > firstContentfulPaint)) return 0;
  return tasks.reduce((total, task) => {
    const clippedStart = Math.max(task.startTime, firstContentfulPaint);
    const clippedEnd = Math.min(task.startTime + task.duration, end);
    const clipped = clippedEnd - clippedStart;
    return clipped > blockingThresholdMs ? total + clipped - blockingThresholdMs : total;
  }, 0);
}

export function vitalsOf(entries: VitalsEntries): Vitals {
  const fcp = entries.firstContentfulPaint ?? Number.NaN;
  return {
    lcpMs: largestContentfulPaint(entries.largestPaints),
    cls: cumulativeLayoutShift(entries.layoutShifts),
    tbtMs: Number.isNaN(fcp)
      ? Number.NaN
      : totalBlockingTime(entries.longTasks, fcp, entries.endTime),
    fcpMs: fcp,
  };
}
