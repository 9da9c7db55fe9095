import type { Browser, Page } from '@playwright/test';
import { newBenchContext, openLanding, signInToMyWork } from './browser';
import { emulator } from './emulator-control';
import { workfrontSession } from './sign-in-path';
import { median, round } from './stats';
import { vitalsOf, type Vitals, type VitalsEntries } from './web-vitals';

export interface PageVitals extends Vitals {
  /** Page loads measured; each figure is the median of its own over them. */
  runs: number;
  /** When the entries were read, ms from the document's start: the end of the TBT window. */
  endMs: number;
  perRun: (Vitals & { endMs: number })[];
}

export interface PageMetricsFigures {
  /** `/`, signed out, in a fresh context: what a first visit loads. */
  landing: PageVitals;
  /**
   * My work, in the document the sign-in lands in (the callback document, which routes on to
   * /work): its times count from the start of that navigation, the redirect from authorize.
   */
  myWork: PageVitals;
  /** How long the bench waited after the page was ready before reading the entries. */
  settleMs: number;
}

/** What the observers leave in the page. */
interface VitalsWindow {
  __benchVitals?: Omit<VitalsEntries, 'endTime'>;
}

/**
 * Runs in every document before its own scripts: the same entries Lighthouse reads from a trace,
 * from Chromium's PerformanceObserver. `buffered` also brings the entries from before the
 * observer, where a type keeps them.
 */
function observeVitals(): void {
  const store: NonNullable<VitalsWindow['__benchVitals']> = {
    firstContentfulPaint: undefined,
    largestPaints: [],
    layoutShifts: [],
    longTasks: [],
  };
  (window as VitalsWindow).__benchVitals = store;
  const observe = (type: string, each: (entry: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => {
        list.getEntries().forEach(each);
      }).observe({ type, buffered: true });
    } catch {
      // An entry type this browser does not have: its figure stays empty.
    }
  };
  observe('paint', (entry) => {
    if (entry.name === 'first-contentful-paint') store.firstContentfulPaint = entry.startTime;
  });
  observe('largest-contentful-paint', (entry) => {
    store.largestPaints.push({ startTime: entry.startTime });
  });
  observe('layout-shift', (entry) => {
    const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
    store.layoutShifts.push({
      startTime: shift.startTime,
      value: shift.value,
      hadRecentInput: shift.hadRecentInput,
    });
  });
  observe('longtask', (entry) => {
    store.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
  });
}

const settleMs = 1_000;
const loadTimeoutMs = 30_000;

async function readVitals(page: Page): Promise<Vitals & { endMs: number }> {
  // Long tasks and shifts that come late still count: wait a while, as Lighthouse waits for quiet.
  await page.waitForTimeout(settleMs);
  const entries = await page.evaluate((): VitalsEntries | undefined => {
    const collected = (window as VitalsWindow).__benchVitals;
    return collected && { ...collected, endTime: performance.now() };
  });
  if (!entries) throw new Error('The vitals observers did not run in the page');
  const vitals = vitalsOf(entries);
  return {
    lcpMs: round(vitals.lcpMs),
    cls: round(vitals.cls, 4),
    tbtMs: round(vitals.tbtMs),
    fcpMs: round(vitals.fcpMs),
    endMs: round(entries.endTime),
  };
}

function combine(perRun: (Vitals & { endMs: number })[]): PageVitals {
  const middle = (pick: (run: Vitals & { endMs: number }) => number, digits = 1) =>
    round(median(perRun.map(pick)), digits);
  return {
    runs: perRun.length,
    lcpMs: middle((run) => run.lcpMs),
    cls: middle((run) => run.cls, 4),
    tbtMs: middle((run) => run.tbtMs),
    fcpMs: middle((run) => run.fcpMs),
    endMs: middle((run) => run.endMs),
    perRun,
  };
}

/**
 * Lighthouse's summary of a page load, from Chromium's own entries, for the landing page and
 * for My work right after a sign-in (Workfront's session kept, so no prompt: the load the user
 * waits for). No throttling: the machine as it is, so these are lower than Lighthouse's mobile
 * figures. With the shared vault, as Chromium users have it. The median of `runs` loads each.
 */
export async function benchPageMetrics(browser: Browser, runs = 5): Promise<PageMetricsFigures> {
  const landing: (Vitals & { endMs: number })[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await newBenchContext(browser);
    try {
      await context.addInitScript(observeVitals);
      const page = await context.newPage();
      await openLanding(page);
      landing.push(await readVitals(page));
    } finally {
      await context.close();
    }
  }

  await emulator.reset();
  const session = await workfrontSession(browser);
  const myWork: (Vitals & { endMs: number })[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await newBenchContext(browser, { storageState: session });
    try {
      await context.addInitScript(observeVitals);
      const page = await context.newPage();
      await openLanding(page);
      const { prompted } = await signInToMyWork(page);
      if (prompted) throw new Error('Workfront prompted again: its session cookie was not kept');
      // The whole list is in: "12 of 12 items" (en-US, see newBenchContext).
      await page
        .getByRole('status')
        .filter({ hasText: /^[\d,]+ of [\d,]+ items$/ })
        .waitFor({ timeout: loadTimeoutMs });
      myWork.push(await readVitals(page));
    } finally {
      await context.close();
    }
  }
  return { landing: combine(landing), myWork: combine(myWork), settleMs };
}
