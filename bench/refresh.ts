import type { Browser, BrowserContext, Page, Request } from '@playwright/test';
import { newBenchContext, openLanding, signInToMyWork, type VaultKind } from './browser';
import { isTokenCall, type LogEntry } from '../src/inspector/emulator-control';
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
  /** Per-tab: the vault's requests are in the browser's reach, so the clock waits for them. */
  vault: VaultKind;
  polls: number;
  queries: number;
  /** Queries that failed for their caller: what a user would see as an error. */
  failures: number;
  failureMessages: string[];
  /** Token requests during the hour by the emulator's log (the sign-in's own is not counted). */
  tokenCalls: number;
  /** The same, as the browser saw the vault send them: equal, or the log and the trace disagree. */
  tokenCallsSeen: number;
  /** Median simulated time between two token requests. */
  secondsBetweenTokenCalls: number;
  /** API answers 401: refused tokens, whether or not the client's retry hid them. */
  api401s: number;
  signedInAtEnd: boolean;
  /** Slices of the clock after which requests were still unanswered 15 s on: should be none. */
  clockStalls: number;
  realSeconds: number;
}

const maxPolls = 400;
/** As e2e/support/page-clock.ts: shorter than any timeout of the app's (request-policy.ts). */
const clockSliceMs = 2_500;
const settleTimeoutMs = 15_000;
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

interface RequestWatch {
  /** The app's own calls on their way: fetches of the page and of the vault's worker. */
  inFlight: Set<Request>;
  tokenCallsSeen(): number;
  startCounting(): void;
}

/**
 * The context's fetches in flight, as e2e/support/page-clock.ts tracks them. In the per-tab vault
 * Playwright sees the worker's requests, the token calls among them; a SharedWorker's it would not
 * (microsoft/playwright#33917), and the clock would run on without waiting for them.
 */
function watchRequests(context: BrowserContext): RequestWatch {
  const inFlight = new Set<Request>();
  let counting = false;
  let tokenCalls = 0;
  context.on('request', (request) => {
    if (!['fetch', 'xhr'].includes(request.resourceType())) return;
    inFlight.add(request);
    const isToken =
      request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/api/v1/token');
    if (counting && isToken) tokenCalls += 1;
  });
  context.on('requestfinished', (request) => inFlight.delete(request));
  context.on('requestfailed', (request) => inFlight.delete(request));
  return {
    inFlight,
    tokenCallsSeen: () => tokenCalls,
    startCounting() {
      counting = true;
    },
  };
}

/**
 * Runs the page's clock by `ms`, in slices, and after each waits until the requests it set off
 * have their answers. The vault runs in a worker, on the real clock (Playwright's clock reaches
 * pages only): a jump of the page's clock fires the expiry timer at once, and the refresh it asks
 * the vault for then takes real milliseconds, which the next slice must not run past.
 */
async function runClock(page: Page, watch: RequestWatch, ms: number): Promise<number> {
  let stalls = 0;
  for (let done = 0; done < ms; done += clockSliceMs) {
    await page.clock.runFor(Math.min(clockSliceMs, ms - done));
    const deadline = Date.now() + settleTimeoutMs;
    while (watch.inFlight.size > 0 && Date.now() <= deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (watch.inFlight.size > 0) stalls += 1;
  }
  return stalls;
}

/**
 * One simulated hour of a signed-in tab with short access tokens and queries polling. The page's
 * clock (Playwright's fake timers) and the emulator's clock move together: each step moves the
 * emulator on, then runs the page's timers up to the emulator's time, then polls. The page's
 * expiry timer asks for each refresh; the vault sends it. The per-tab vault keeps the vault's
 * requests in Playwright's sight, so that the clock waits for them (runClock), and the token
 * calls the browser saw are set beside the emulator's count.
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
  const vault: VaultKind = 'per-tab';
  const context = await newBenchContext(browser, { vault });
  const watch = watchRequests(context);
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
    watch.startCounting();
    const log: LogEntry[] = [];
    const drainLog = async () => {
      log.push(...(await emulator.log()));
      await emulator.clearLog();
    };

    const failureMessages: string[] = [];
    let clockStalls = 0;
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
      if (behind > 0) clockStalls += await runClock(page, watch, behind);
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
      vault,
      polls,
      queries: polls * settings.queriesPerPoll,
      failures: failureMessages.length,
      failureMessages: [...new Set(failureMessages)].slice(0, 10),
      tokenCalls: tokenCallTimes.length,
      tokenCallsSeen: watch.tokenCallsSeen(),
      clockStalls,
      secondsBetweenTokenCalls: round(median(gaps) / 1000),
      api401s: log.filter((entry) => entry.endpoint === 'api' && entry.status === 401).length,
      signedInAtEnd,
      realSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  } finally {
    await context.close();
  }
}
