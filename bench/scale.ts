import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { firstRowMarks, newBenchContext, openLanding, signInToMyWork } from './browser';
import { emulator } from './emulator-control';
import { traceNetwork, type NetworkTrace } from './network-trace';
import { appUrl } from './servers';
import { median, percentile, round } from './stats';

export interface ScaleFigures {
  workItems: number;
  /** Sign-ins measured; the timings are their medians. */
  runs: number;
  /**
   * From the end of the first work/myWork response, as the vault's worker received it, to the
   * frame after the first rows appear: the vault's message to the page, checks and rendering.
   */
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
  /** The document's height once the whole list is in. */
  pageHeightPx: number;
}

/** The same scroll over a plain page: what a frame costs this machine with no app at all. */
export interface StaticScrollFigures {
  /** Its path on the app's server. */
  path: string;
  rows: number;
  pageHeightPx: number;
  /** Scrolls measured, each right after one of My work at the largest size; medians. */
  runs: number;
  frames: number;
  p95FrameMs: number;
  maxFrameMs: number;
}

export interface ScaleResults {
  sizes: ScaleFigures[];
  staticPage: StaticScrollFigures;
}

const maxFrames = 3_000;
const maxScrollMs = 60_000;
const loadTimeoutMs = 60_000;

interface ScrollResult {
  deltas: number[];
  maxRows: number;
  reachedBottom: boolean;
  pageHeightPx: number;
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
            resolve({ deltas, maxRows, reachedBottom, pageHeightPx: root.scrollHeight });
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

/**
 * When the first work/myWork answer had fully arrived, in epoch ms. The vault's worker fetches
 * it, so the page's own resource timing has no entry for it: the trace of the per-tab vault's
 * worker (bench/network-trace.ts) has.
 */
function myWorkArrivedAt(trace: NetworkTrace): number {
  const first = trace
    .exchanges()
    .find((exchange) => new URL(exchange.url).pathname.endsWith('/work/myWork'));
  if (first?.end === undefined) return Number.NaN;
  return first.wallStart + (first.end - first.start);
}

async function measureOnce(browser: Browser, workItems: number): Promise<ScaleFigures> {
  await emulator.reset({ workItems });
  const context = await newBenchContext(browser, { vault: 'per-tab' });
  try {
    const page = await context.newPage();
    await openLanding(page);
    const trace = await traceNetwork(page);
    await signInToMyWork(page);
    const { firstRowAt } = await firstRowMarks(page);
    // Workfront pages at 2000 items: wait for "1,000 of 1,000 items" (en-US, see newBenchContext),
    // which replaces "… loading more" once the whole list is here.
    await page
      .getByRole('status')
      .filter({ hasText: /^[\d,]+ of [\d,]+ items$/ })
      .waitFor({ timeout: loadTimeoutMs });
    const dataArrivedAt = myWorkArrivedAt(trace);
    await trace.stop();
    const scroll = await scrollWholeList(page);
    return {
      workItems,
      runs: 1,
      dataToRowsMs: round(firstRowAt - dataArrivedAt),
      domRows: scroll.maxRows,
      frames: scroll.deltas.length,
      reachedBottom: scroll.reachedBottom,
      p95FrameMs: round(percentile(scroll.deltas, 0.95)),
      maxFrameMs: round(Math.max(...scroll.deltas)),
      heapMb: await heapUsedMb(page),
      pageHeightPx: scroll.pageHeightPx,
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
    pageHeightPx: middle((run) => run.pageHeightPx),
  };
}

/**
 * A plain HTML page with `rows` list items, as tall in all as My work's list: no script, a
 * stylesheet of its own (the app's Content Security Policy, which its server sends with every
 * file, allows no inline style). Written into the folder that the app's server serves, so that
 * the same server, headers and cache rules deliver it. Returns its path on the server.
 */
export function writeStaticPage(root: string, rows: number, pageHeightPx: number): string {
  const rowHeightPx = Math.max(1, Math.round((pageHeightPx / rows) * 100) / 100);
  const dir = join(root, 'bench-static');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'rows.css'),
    [
      'body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }',
      'ol { list-style: none; margin: 0; padding: 0; }',
      `li { box-sizing: border-box; height: ${rowHeightPx}px; padding: 8px 16px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; align-items: center; }`,
      'li span { color: #555; }',
      '',
    ].join('\n'),
  );
  // Plain <li>, without the role attribute that scrollWholeList counts: a query matching 10,000
  // elements each frame would be work that My work's frames do not have.
  const items = Array.from(
    { length: rows },
    (_, index) =>
      `<li><a href="#row-${index + 1}">Work item ${index + 1}</a><span>Project ${(index % 50) + 1}</span><span>In progress</span><span>Due 2026-12-${String((index % 28) + 1).padStart(2, '0')}</span></li>`,
  );
  const file = `rows-${rows}.html`;
  writeFileSync(
    join(dir, file),
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${rows} rows</title><link rel="stylesheet" href="rows.css"></head>\n<body><ol>\n${items.join('\n')}\n</ol></body></html>\n`,
  );
  return `/bench-static/${file}`;
}

async function scrollStaticPage(browser: Browser, path: string): Promise<number[]> {
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${appUrl}${path}`, { waitUntil: 'load', timeout: loadTimeoutMs });
    const { deltas, reachedBottom } = await scrollWholeList(page);
    if (!reachedBottom) throw new Error(`The scroll of ${path} did not reach the bottom`);
    return deltas;
  } finally {
    await context.close();
  }
}

/**
 * My work at each size, set in the emulator before signing in; the median of `runs` sign-ins,
 * each with the per-tab vault, whose worker's requests the trace sees (for data → rows).
 * After each run at the largest size, the same scroll over a static page of as many rows and the
 * same height (writeStaticPage, in `servedRoot`), so that the two share the machine's load of the
 * moment: the target is a ratio to it, not a fixed number of ms.
 * Give it a browser whose frame rate is not tied to vsync (see `launchChromium`): at a locked
 * 60 Hz every frame lasts 16.7 ms or a multiple, whatever its work, and that hides the cost.
 */
export async function benchScale(
  browser: Browser,
  servedRoot: string,
  sizes: readonly number[] = [100, 1_000, 10_000],
  runs = 5,
): Promise<ScaleResults> {
  const figures: ScaleFigures[] = [];
  const largest = Math.max(...sizes);
  let staticPath: string | undefined;
  let staticHeight = 0;
  const staticRuns: number[][] = [];
  for (const workItems of sizes) {
    const measured: ScaleFigures[] = [];
    for (let run = 0; run < runs; run++) {
      let once = await measureOnce(browser, workItems);
      // The trace missed the worker's first requests (see traceNetwork): measured again.
      for (let retry = 0; retry < 2 && Number.isNaN(once.dataToRowsMs); retry++) {
        once = await measureOnce(browser, workItems);
      }
      measured.push(once);
      if (workItems !== largest) continue;
      if (staticPath === undefined) {
        staticHeight = once.pageHeightPx;
        staticPath = writeStaticPage(servedRoot, workItems, staticHeight);
      }
      staticRuns.push(await scrollStaticPage(browser, staticPath));
    }
    figures.push(combine(measured));
  }
  if (staticPath === undefined) throw new Error('No scale run');
  const p95s = staticRuns.map((deltas) => percentile(deltas, 0.95));
  return {
    sizes: figures,
    staticPage: {
      path: staticPath,
      rows: largest,
      pageHeightPx: staticHeight,
      runs: staticRuns.length,
      frames: staticRuns[0]?.length ?? 0,
      p95FrameMs: round(median(p95s)),
      maxFrameMs: round(Math.max(...staticRuns.flat())),
    },
  };
}
