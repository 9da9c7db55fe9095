import type { Browser, BrowserContext } from '@playwright/test';
import {
  firstRowMarks,
  newBenchContext,
  openLanding,
  signInToMyWork,
  signOut,
  type VaultKind,
} from './browser';
import { isTokenCall } from '../src/inspector/emulator-control';
import { emulator } from './emulator-control';
import { traceNetwork, type TracedExchange } from './network-trace';
import { chainDepths, criticalPath, describeHop } from './round-trips';
import { appUrl } from './servers';
import { median, round } from './stats';

export interface ChainStep {
  depth: number;
  method: string;
  /** Path and query, or the full URL when it is not the app's origin. */
  url: string;
  type: string;
  status: number | undefined;
  fromCache: boolean;
  /** The page, or the token vault's worker. */
  source: 'page' | 'worker';
  /** Start and duration in ms, from the click. */
  startMs: number;
  durationMs: number | undefined;
}

/** One hop of the critical path: the request the next hop waited for, in plain words. */
export interface CriticalHop extends ChainStep {
  label: string;
  /** Other requests that went to the network at the same depth, alongside this one. */
  alongside: number;
}

export interface SignInPathRun {
  roundTrips: number;
  requests: number;
  /** Token requests by the emulator's log. */
  tokenCalls: number;
  /** Token requests in the browser's trace: the same, or the trace misses the vault's. */
  tokenCallsTraced: number;
  ms: number;
}

export interface SignInPathFigures {
  /** The vault the sign-ins ran with: per-tab, whose worker's requests can be traced. */
  vault: VaultKind;
  runs: number;
  /** Runs measured again because their trace missed a request (the token call, mostly). */
  incompleteTraces: number;
  /** Medians over the runs; round trips and token calls are the same in every run. */
  roundTrips: number;
  requests: number;
  tokenCalls: number;
  tokenCallsTraced: number;
  ms: number;
  perRun: SignInPathRun[];
  /**
   * The requests of the first run whose round trips are the median's, each with its depth in the
   * critical chain.
   */
  chain: ChainStep[];
  /** That run's chain from the click to work/myWork, one request per hop. */
  criticalPath: CriticalHop[];
}

const pathOf = (exchange: TracedExchange) => new URL(exchange.url).pathname;
const isMyWork = (exchange: TracedExchange) => pathOf(exchange).endsWith('/work/myWork');
const isTokenRequest = (exchange: TracedExchange) =>
  exchange.method === 'POST' && pathOf(exchange).endsWith('/oauth2/api/v1/token');
/** The browser fetches the icon by itself after each document, and nothing waits for it. */
const isFavicon = (exchange: TracedExchange) => pathOf(exchange) === '/favicon.svg';

function describeChain(exchanges: TracedExchange[], depths: number[], clickedAt: number) {
  const startOf = (exchange: TracedExchange) => round(exchange.wallStart - clickedAt);
  return exchanges.map((exchange, index): ChainStep => ({
    depth: depths[index] ?? 0,
    method: exchange.method,
    url: exchange.url.startsWith(`${appUrl}/`) ? exchange.url.slice(appUrl.length) : exchange.url,
    type: exchange.type,
    status: exchange.status,
    fromCache: exchange.fromCache,
    source: exchange.source,
    startMs: startOf(exchange),
    durationMs: exchange.end === undefined ? undefined : round(exchange.end - exchange.start),
  }));
}

function describeCriticalPath(
  exchanges: TracedExchange[],
  chain: ChainStep[],
  target: number,
  depths: number[],
): CriticalHop[] {
  return criticalPath(exchanges, depths, target).flatMap((index) => {
    const step = chain[index];
    const exchange = exchanges[index];
    if (!step || !exchange) return [];
    const alongside = chain.filter(
      (other, otherIndex) => otherIndex !== index && other.depth === step.depth && !other.fromCache,
    ).length;
    return [{ ...step, label: describeHop(exchange), alongside: step.fromCache ? 0 : alongside }];
  });
}

/**
 * Signs in once with Workfront's prompts, then out of the app: what is left is Workfront's own
 * session cookie, with which the next sign-ins are a redirect with no prompt.
 */
export async function workfrontSession(
  browser: Browser,
): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const setup = await newBenchContext(browser);
  try {
    const setupPage = await setup.newPage();
    await openLanding(setupPage);
    await signInToMyWork(setupPage);
    await signOut(setupPage);
    return await setup.storageState();
  } finally {
    await setup.close();
  }
}

interface MeasuredRun {
  run: SignInPathRun;
  /** Fetches that Playwright saw and the trace did not: the run is measured again. */
  missed: string[];
  chain: ChainStep[];
  criticalPath: CriticalHop[];
}

/** One sign-in from the landing page, in a new context with Workfront's session cookie. */
async function measureRun(
  browser: Browser,
  session: Awaited<ReturnType<BrowserContext['storageState']>>,
  vault: VaultKind,
): Promise<MeasuredRun> {
  const context = await newBenchContext(browser, { storageState: session, vault });
  try {
    const page = await context.newPage();
    await openLanding(page);
    const trace = await traceNetwork(page);
    await emulator.clearLog();
    const { prompted } = await signInToMyWork(page);
    if (prompted) throw new Error('Workfront prompted again: its session cookie was not kept');
    const marks = await firstRowMarks(page);
    const missed = trace.missed();
    const exchanges = trace
      .exchanges()
      .filter((exchange) => exchange.wallStart <= marks.firstRowAt && !isFavicon(exchange));
    await trace.stop();
    const depths = chainDepths(exchanges);
    const myWork = exchanges.findIndex(isMyWork);
    // Not in the trace but seen by Playwright: an incomplete trace, measured again.
    if (myWork < 0 && missed.length === 0) {
      throw new Error('No work/myWork request before the first row');
    }
    const tokenCalls = (await emulator.log()).filter(isTokenCall).length;
    const chain = describeChain(exchanges, depths, marks.clickedAt);
    return {
      run: {
        roundTrips: depths[myWork] ?? Number.NaN,
        requests: exchanges.filter((exchange) => !exchange.fromCache).length,
        tokenCalls,
        tokenCallsTraced: exchanges.filter(isTokenRequest).length,
        ms: round(marks.firstRowAt - marks.clickedAt),
      },
      missed,
      chain,
      criticalPath: myWork < 0 ? [] : describeCriticalPath(exchanges, chain, myWork, depths),
    };
  } finally {
    await context.close();
  }
}

/** Runs again, at most this many times, a sign-in whose trace missed a request. */
const maxRetries = 5;

/**
 * Signs in once with Workfront's prompts, signs out in the app (Workfront's session cookie
 * stays), then measures `runs` sign-ins from the click to the first row of My work. Each run is a
 * new browser context with that cookie: the app's cache is cold, as for a first visit.
 *
 * The sign-ins run with the per-tab vault: its dedicated worker's requests (the token call and
 * the API calls) are in the trace, where a SharedWorker's would be missing. The emulator's log
 * counts the token calls too, and Playwright's request events every fetch: a run whose trace
 * has fewer (the trace's session came on in the worker after its first request, see
 * traceNetwork) is measured again, at most `maxRetries` times, and counted, so that no chain is
 * printed with a hop missing.
 */
export async function benchSignInPath(browser: Browser, runs = 10): Promise<SignInPathFigures> {
  const vault: VaultKind = 'per-tab';
  await emulator.reset();
  const session = await workfrontSession(browser);

  const incomplete = (once: MeasuredRun) =>
    once.missed.length > 0 || once.run.tokenCallsTraced < once.run.tokenCalls;
  const measured: MeasuredRun[] = [];
  let incompleteTraces = 0;
  // One untimed run first, so that the servers' code is warm.
  await measureRun(browser, session, vault);
  for (let run = 0; run < runs; run++) {
    let once = await measureRun(browser, session, vault);
    for (let retry = 0; retry < maxRetries && incomplete(once); retry++) {
      incompleteTraces += 1;
      once = await measureRun(browser, session, vault);
    }
    if (incomplete(once)) {
      throw new Error(
        `The trace of ${maxRetries + 1} sign-ins in a row missed requests: ${once.missed.join(', ')}`,
      );
    }
    measured.push(once);
  }
  const perRun = measured.map((once) => once.run);
  const roundTrips = median(perRun.map((run) => run.roundTrips));
  // The chain printed is that of a run as deep as the median, the first one.
  const typical =
    measured.find((once) => once.run.roundTrips === Math.round(roundTrips)) ?? measured[0];
  return {
    vault,
    runs,
    incompleteTraces,
    roundTrips,
    requests: median(perRun.map((run) => run.requests)),
    tokenCalls: median(perRun.map((run) => run.tokenCalls)),
    tokenCallsTraced: median(perRun.map((run) => run.tokenCallsTraced)),
    ms: round(median(perRun.map((run) => run.ms))),
    perRun,
    chain: typical?.chain ?? [],
    criticalPath: typical?.criticalPath ?? [],
  };
}
