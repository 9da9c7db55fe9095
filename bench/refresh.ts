import type { Browser, Page } from '@playwright/test';
import { newBenchContext, openLanding, signInToMyWork } from './browser';
import { isTokenCall, type LogEntry } from '../e2e/support/emulator';
import { emulator } from './emulator-control';
import { median, round, withTimeout } from './stats';

/** The part of the data layer that a VITE_BENCH_HOOKS build exposes (src/app/data-layer.ts). */
interface BenchHooks {
  queryClient: {
    fetchQuery(options: {
      queryKey: unknown[];
      queryFn: (context: { signal: AbortSignal }) => Promise<unknown>;
      staleTime: number;
      retry: boolean;
    }): Promise<unknown>;
  };
  workfront: {
    get(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown>;
  };
}

export interface RefreshOptions {
  simulatedSeconds?: number;
  accessTokenTtlSeconds?: number;
  pollEverySeconds?: number;
  queriesPerPoll?: number;
}

export interface RefreshFigures extends Required<RefreshOptions> {
  polls: number;
  queries: number;
  /** Queries that failed for their caller: what a user would see as an error. */
  failures: number;
  failureMessages: string[];
  /** Token requests during the hour (the sign-in's own is not counted). */
  tokenCalls: number;
  /** Median simulated time between two token requests. */
  secondsBetweenTokenCalls: number;
  /** API answers 401: refused tokens, whether or not the client's retry hid them. */
  api401s: number;
  signedInAtEnd: boolean;
  realSeconds: number;
}

const maxPolls = 400;
const maxRealMs = 5 * 60_000;
const pollTimeoutMs = 30_000;

/** Fires `count` queries at once, each its own key and always stale; returns their failures. */
async function poll(page: Page, count: number): Promise<string[]> {
  return page.evaluate(async (count) => {
    const hooks = (window as { workfrontBench?: BenchHooks }).workfrontBench;
    if (!hooks) return ['window.workfrontBench is missing: not a VITE_BENCH_HOOKS build'];
    const results = await Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        hooks.queryClient.fetchQuery({
          queryKey: ['bench', 'poll', index],
          queryFn: ({ signal }) => hooks.workfront.get('user/search', { ID: '$$USER.ID' }, signal),
          staleTime: 0,
          retry: false,
        }),
      ),
    );
    return results.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    );
  }, count);
}

/**
 * One simulated hour of a signed-in tab with short access tokens and queries polling. The page's
 * clock (Playwright's fake timers) and the emulator's clock move together: each step moves the
 * emulator on, then runs the page's timers up to the emulator's time, then polls.
 */
export async function benchRefresh(
  browser: Browser,
  options: RefreshOptions = {},
): Promise<RefreshFigures> {
  const settings = {
    simulatedSeconds: 3600,
    accessTokenTtlSeconds: 120,
    pollEverySeconds: 15,
    queriesPerPoll: 20,
    ...options,
  };
  await emulator.reset({ accessTokenTtlSeconds: settings.accessTokenTtlSeconds });
  const context = await newBenchContext(browser);
  try {
    const page = await context.newPage();
    // Installed before the app loads, so that every timer it sets is under the bench's control.
    await page.clock.install();
    await openLanding(page);
    await signInToMyWork(page);
    await page.waitForFunction(() => 'workfrontBench' in window, null, { timeout: 10_000 });

    const pageNow = () => page.evaluate(() => Date.now());
    await page.clock.pauseAt(Math.max(await pageNow(), (await emulator.clock()).epochMs));
    await emulator.clearLog();
    const log: LogEntry[] = [];
    const drainLog = async () => {
      log.push(...(await emulator.log()));
      await emulator.clearLog();
    };

    const failureMessages: string[] = [];
    const startedAt = Date.now();
    const simulatedStart = await pageNow();
    let polls = 0;
    while (
      polls < maxPolls &&
      Date.now() - startedAt < maxRealMs &&
      (await pageNow()) - simulatedStart < settings.simulatedSeconds * 1000
    ) {
      const { epochMs } = await emulator.advanceClock(settings.pollEverySeconds);
      const behind = epochMs - (await pageNow());
      if (behind > 0) await page.clock.runFor(behind);
      const failures = await withTimeout(poll(page, settings.queriesPerPoll), pollTimeoutMs).catch(
        (error: unknown) =>
          new Array<string>(settings.queriesPerPoll).fill(`A poll hung: ${String(error)}`),
      );
      failureMessages.push(...failures);
      polls += 1;
      // The emulator keeps its last 500 requests; a poll makes a few dozen.
      await drainLog();
    }
    const signedInAtEnd = await page.getByRole('button', { name: 'Sign out' }).isVisible();
    await drainLog();
    const tokenCallTimes = log.filter(isTokenCall).map((entry) => Date.parse(entry.time));
    const gaps = tokenCallTimes.slice(1).map((time, index) => time - (tokenCallTimes[index] ?? 0));
    return {
      ...settings,
      polls,
      queries: polls * settings.queriesPerPoll,
      failures: failureMessages.length,
      failureMessages: [...new Set(failureMessages)].slice(0, 10),
      tokenCalls: tokenCallTimes.length,
      secondsBetweenTokenCalls: round(median(gaps) / 1000),
      api401s: log.filter((entry) => entry.endpoint === 'api' && entry.status === 401).length,
      signedInAtEnd,
      realSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  } finally {
    await context.close();
  }
}
