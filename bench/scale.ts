import type { Browser, Page } from '@playwright/test';
import { firstRowMarks, newBenchContext, openLanding, signInToMyWork } from './browser';
import { emulator } from './emulator-control';
import { median, percentile, round } from './stats';

export interface ScaleFigures {
  workItems: number;
  /** Sign-ins measured; the timings are their medians. */
  runs: number;
  /** From the end of the first work/myWork response to the frame after the first rows appear. */
  dataToRowsMs: number;
  /** The most [role=listitem] elements in the DOM at once, while scrolling the whole list. */
  domRows: number;
  /** Frames while scrolling from the top to the bottom, one viewport per frame. */
  frames: number;
  reachedBottom: boolean;
  p95FrameMs: number;
  maxFrameMs: number;
  /** JS heap in use after the scroll, after a garbage collection. */
  heapMb: number;
}

const maxFrames = 3_000;
const maxScrollMs = 60_000;
const loadTimeoutMs = 60_000;

interface ScrollResult {
  deltas: number[];
  maxRows: number;
  reachedBottom: boolean;
}

/**
 * Scrolls the window one viewport per frame from the top to the bottom, and notes the time
 * between frames (requestAnimationFrame) and the most rows in the DOM.
 */
function scrollWholeList(page: Page): Promise<ScrollResult> {
  return page.evaluate(
    ({ maxFrames, maxScrollMs }) =>
      new Promise<ScrollResult>((resolve) => {
        window.scrollTo(0, 0);
        const deltas: number[] = [];
        let maxRows = 0;
        let last: number | undefined;
        const startedAt = performance.now();
        const frame = (now: number) => {
          if (last !== undefined) deltas.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, document.querySelectorAll('[role=listitem]').length);
          const root = document.documentElement;
          const reachedBottom = window.scrollY + window.innerHeight >= root.scrollHeight - 1;
          if (reachedBottom || deltas.length >= maxFrames || now - startedAt > maxScrollMs) {
            resolve({ deltas, maxRows, reachedBottom });
            return;
          }
          window.scrollBy(0, window.innerHeight);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { maxFrames, maxScrollMs },
  );
}

async function heapUsedMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return round(usedSize / 1024 / 1024);
  } finally {
    await session.detach();
  }
}

async function measureOnce(browser: Browser, workItems: number): Promise<ScaleFigures> {
  await emulator.reset({ workItems });
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await openLanding(page);
    await signInToMyWork(page);
    const { firstRowNow } = await firstRowMarks(page);
    const dataArrivedNow = await page.evaluate(
      () =>
        (
          performance
            .getEntriesByType('resource')
            .find((entry) => entry.name.includes('/work/myWork')) as
            PerformanceResourceTiming | undefined
        )?.responseEnd ?? Number.NaN,
    );
    // Workfront pages at 2000 items: wait for "1,000 of 1,000 items" (en-US, see newBenchContext),
    // which replaces "… loading more" once the whole list is here.
    await page
      .getByRole('status')
      .filter({ hasText: /^[\d,]+ of [\d,]+ items$/ })
      .waitFor({ timeout: loadTimeoutMs });
    const scroll = await scrollWholeList(page);
    return {
      workItems,
      runs: 1,
      dataToRowsMs: round(firstRowNow - dataArrivedNow),
      domRows: scroll.maxRows,
      frames: scroll.deltas.length,
      reachedBottom: scroll.reachedBottom,
      p95FrameMs: round(percentile(scroll.deltas, 0.95)),
      maxFrameMs: round(Math.max(...scroll.deltas)),
      heapMb: await heapUsedMb(page),
    };
  } finally {
    await context.close();
  }
}

/** The median run by each timing; the most DOM rows and the worst frame of any run. */
function combine(runs: ScaleFigures[]): ScaleFigures {
  const [first] = runs;
  if (!first) throw new Error('No scale run');
  const middle = (pick: (run: ScaleFigures) => number) => round(median(runs.map(pick)));
  return {
    workItems: first.workItems,
    runs: runs.length,
    dataToRowsMs: middle((run) => run.dataToRowsMs),
    domRows: Math.max(...runs.map((run) => run.domRows)),
    frames: first.frames,
    reachedBottom: runs.every((run) => run.reachedBottom),
    p95FrameMs: middle((run) => run.p95FrameMs),
    maxFrameMs: Math.max(...runs.map((run) => run.maxFrameMs)),
    heapMb: middle((run) => run.heapMb),
  };
}

/**
 * The same scroll over a static page as tall as `viewports` screens, with no script: what a
 * frame costs this machine at the moment, the floor under the figures above.
 */
export async function idleFrameP95(browser: Browser, viewports = 900): Promise<number> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await page.setContent(`<div style="height: ${viewports * 100}vh"></div>`);
    return round(percentile((await scrollWholeList(page)).deltas, 0.95));
  } finally {
    await context.close();
  }
}

/**
 * My work at each size, set in the emulator before signing in; the median of `runs` sign-ins.
 * Give it a browser whose frame rate is not tied to vsync (see `launchChromium`): at a locked
 * 60 Hz every frame lasts 16.7 ms or a multiple, whatever its work, and that hides the cost.
 */
export async function benchScale(
  browser: Browser,
  sizes: readonly number[] = [100, 1_000, 10_000],
  runs = 5,
): Promise<ScaleFigures[]> {
  const figures: ScaleFigures[] = [];
  for (const workItems of sizes) {
    const measured: ScaleFigures[] = [];
    for (let run = 0; run < runs; run++) measured.push(await measureOnce(browser, workItems));
    figures.push(combine(measured));
  }
  return figures;
}
