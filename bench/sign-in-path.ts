import type { Browser } from '@playwright/test';
import { firstRowMarks, newBenchContext, openLanding, signInToMyWork, signOut } from './browser';
import { isTokenCall } from '../e2e/support/emulator';
import { emulator } from './emulator-control';
import { traceNetwork, type TracedExchange } from './network-trace';
import { chainDepths } from './round-trips';
import { median, round } from './stats';

export interface ChainStep {
  depth: number;
  method: string;
  /** Path and query, or the full URL when it is not the app's origin. */
  url: string;
  type: string;
  status: number | undefined;
  fromCache: boolean;
  /** Start and duration in ms, from the click. */
  startMs: number;
  durationMs: number | undefined;
}

export interface SignInPathRun {
  roundTrips: number;
  requests: number;
  tokenCalls: number;
  ms: number;
}

export interface SignInPathFigures {
  runs: number;
  /** Medians over the runs; round trips and token calls are the same in every run. */
  roundTrips: number;
  requests: number;
  tokenCalls: number;
  ms: number;
  perRun: SignInPathRun[];
  /** The requests of the first measured run, each with its depth in the critical chain. */
  chain: ChainStep[];
}

const pathOf = (exchange: TracedExchange) => new URL(exchange.url).pathname;
const isMyWork = (exchange: TracedExchange) => pathOf(exchange).endsWith('/work/myWork');
/** The browser fetches the icon by itself after each document, and nothing waits for it. */
const isFavicon = (exchange: TracedExchange) => pathOf(exchange) === '/favicon.svg';

function describeChain(exchanges: TracedExchange[], depths: number[], clickedAt: number) {
  const startOf = (exchange: TracedExchange) => round(exchange.wallStart - clickedAt);
  return exchanges.map((exchange, index): ChainStep => ({
    depth: depths[index] ?? 0,
    method: exchange.method,
    url: exchange.url.replace(/^http:\/\/localhost:4183/, ''),
    type: exchange.type,
    status: exchange.status,
    fromCache: exchange.fromCache,
    startMs: startOf(exchange),
    durationMs: exchange.end === undefined ? undefined : round(exchange.end - exchange.start),
  }));
}

/**
 * Signs in once with Workfront's prompts, signs out in the app (Workfront's session cookie
 * stays), then measures `runs` sign-ins from the click to the first row of My work. Each run is a
 * new browser context with that cookie: the app's cache is cold, as for a first visit.
 */
export async function benchSignInPath(browser: Browser, runs = 10): Promise<SignInPathFigures> {
  await emulator.reset();
  const setup = await newBenchContext(browser);
  const setupPage = await setup.newPage();
  await openLanding(setupPage);
  await signInToMyWork(setupPage);
  await signOut(setupPage);
  const workfrontSession = await setup.storageState();
  await setup.close();

  const perRun: SignInPathRun[] = [];
  let chain: ChainStep[] = [];
  // One untimed run first, so that the servers' code is warm.
  for (let run = -1; run < runs; run++) {
    const context = await newBenchContext(browser, workfrontSession);
    try {
      const page = await context.newPage();
      await openLanding(page);
      const trace = await traceNetwork(page);
      await emulator.clearLog();
      const { prompted } = await signInToMyWork(page);
      if (prompted) throw new Error('Workfront prompted again: its session cookie was not kept');
      const marks = await firstRowMarks(page);
      const exchanges = trace
        .exchanges()
        .filter((exchange) => exchange.wallStart <= marks.firstRowAt && !isFavicon(exchange));
      await trace.stop();
      const depths = chainDepths(exchanges);
      const myWork = exchanges.findIndex(isMyWork);
      if (myWork < 0) throw new Error('No work/myWork request before the first row');
      const tokenCalls = (await emulator.log()).filter(isTokenCall).length;
      if (run < 0) continue;
      if (run === 0) chain = describeChain(exchanges, depths, marks.clickedAt);
      perRun.push({
        roundTrips: depths[myWork] ?? 0,
        requests: exchanges.filter((exchange) => !exchange.fromCache).length,
        tokenCalls,
        ms: round(marks.firstRowAt - marks.clickedAt),
      });
    } finally {
      await context.close();
    }
  }
  return {
    runs,
    roundTrips: median(perRun.map((run) => run.roundTrips)),
    requests: median(perRun.map((run) => run.requests)),
    tokenCalls: median(perRun.map((run) => run.tokenCalls)),
    ms: round(median(perRun.map((run) => run.ms))),
    perRun,
    chain,
  };
}
