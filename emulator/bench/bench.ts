import { pathToFileURL } from 'node:url';
import { startEmulator } from '../test/harness.ts';
import {
  authorizeInBrowser,
  createBrowser,
  createPkcePair,
  exchangeCode,
  refreshTokens,
  signIn,
  type TokenBody,
} from '../test/pkce-client.ts';

export interface EmulatorBenchFigures {
  /** Token endpoint, refresh_token grant with rotation: each request uses the previous answer. */
  refreshTokenRequestsPerSecond: number;
  /** Token endpoint, authorization_code grant with PKCE; the codes are minted beforehand. */
  authorizationCodeRequestsPerSecond: number;
  /** Median latency of `GET work/myWork` on the large data set. */
  myWorkMedianMs: number;
  /** Median latency of `GET task/search?$$LIMIT=2000` on the large data set. */
  search2000MedianMs: number;
  workItems: number;
}

export interface EmulatorBenchOptions {
  /** Upper bound of each measure's duration. */
  maxMsPerMeasure?: number;
  /** Upper bound of each measure's request count. */
  maxRequestsPerMeasure?: number;
  workItems?: number;
}

const warmUpMs = 1000;
const warmUpRequests = 500;

/** Runs `request` one at a time until either bound is reached; returns each duration in ms. */
async function timeSequentially(
  request: () => Promise<void>,
  maxMs: number,
  maxRequests: number,
): Promise<number[]> {
  const durations: number[] = [];
  const started = performance.now();
  while (durations.length < maxRequests && performance.now() - started < maxMs) {
    const before = performance.now();
    await request();
    durations.push(performance.now() - before);
  }
  return durations;
}

const perSecond = (durations: number[]) =>
  durations.length / (durations.reduce((sum, ms) => sum + ms, 0) / 1000);

function median(durations: number[]): number {
  const sorted = [...durations].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function expectStatus(response: Response, what: string): Promise<Response> {
  if (response.status !== 200) {
    throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

/** Starts an emulator in this process on a free localhost port and measures it. */
export async function runEmulatorBench(
  options: EmulatorBenchOptions = {},
): Promise<EmulatorBenchFigures> {
  const maxMs = options.maxMsPerMeasure ?? 2000;
  const maxRequests = options.maxRequestsPerMeasure ?? 2000;
  const workItems = options.workItems ?? 10_000;
  const running = await startEmulator({ settings: { workItems } });
  const { baseUrl } = running;
  try {
    const browser = createBrowser(baseUrl);
    const { tokens } = await signIn(baseUrl, {}, browser);

    let refreshToken = tokens.refresh_token ?? '';
    const refresh = async () => {
      const response = await expectStatus(await refreshTokens(baseUrl, refreshToken), 'refresh');
      refreshToken = ((await response.json()) as TokenBody).refresh_token ?? '';
    };
    const mintCode = async () => {
      const pkce = createPkcePair();
      const redirect = await authorizeInBrowser(browser, { challenge: pkce.challenge });
      return { code: redirect.searchParams.get('code') ?? '', verifier: pkce.verifier };
    };
    const exchange = async ({ code, verifier }: { code: string; verifier: string }) => {
      const response = await expectStatus(await exchangeCode(baseUrl, code, verifier), 'exchange');
      await response.arrayBuffer();
    };
    const apiGet = (path: string) => async () => {
      const response = await fetch(`${baseUrl}/attask/api/v22.0/${path}`, {
        headers: { sessionID: tokens.access_token },
      });
      await (await expectStatus(response, path)).arrayBuffer();
    };
    const myWork = apiGet('work/myWork');
    const search = apiGet('task/search?$$LIMIT=2000');

    // Untimed rounds first, so that the figures describe optimised code, not the JIT's start.
    await timeSequentially(refresh, warmUpMs, warmUpRequests);
    await timeSequentially(async () => exchange(await mintCode()), warmUpMs, warmUpRequests);
    await timeSequentially(myWork, warmUpMs, warmUpRequests / 10);
    await timeSequentially(search, warmUpMs, warmUpRequests / 10);

    const refreshDurations = await timeSequentially(refresh, maxMs, maxRequests);
    // Codes live 120 s, so minting them beforehand is bounded by time as well as by count.
    const codes: { code: string; verifier: string }[] = [];
    const mintStarted = performance.now();
    while (codes.length < maxRequests && performance.now() - mintStarted < maxMs) {
      codes.push(await mintCode());
    }
    const codeDurations = await timeSequentially(
      async () => {
        const next = codes.pop();
        if (!next) throw new Error('Out of authorization codes');
        await exchange(next);
      },
      maxMs,
      codes.length,
    );
    const myWorkDurations = await timeSequentially(myWork, maxMs, maxRequests);
    const searchDurations = await timeSequentially(search, maxMs, maxRequests);

    return {
      refreshTokenRequestsPerSecond: Math.round(perSecond(refreshDurations)),
      authorizationCodeRequestsPerSecond: Math.round(perSecond(codeDurations)),
      myWorkMedianMs: Math.round(median(myWorkDurations) * 100) / 100,
      search2000MedianMs: Math.round(median(searchDurations) * 100) / 100,
      workItems,
    };
  } finally {
    await running.close();
  }
}

export function formatEmulatorBench(figures: EmulatorBenchFigures): string {
  const rows: [string, string][] = [
    [
      'Token endpoint, refresh_token grant (rotation)',
      `${figures.refreshTokenRequestsPerSecond} req/s`,
    ],
    [
      'Token endpoint, authorization_code grant (PKCE)',
      `${figures.authorizationCodeRequestsPerSecond} req/s`,
    ],
    [`work/myWork, median (${figures.workItems} work items)`, `${figures.myWorkMedianMs} ms`],
    [
      `task/search?$$LIMIT=2000, median (${figures.workItems} work items)`,
      `${figures.search2000MedianMs} ms`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    'Workfront emulator, sequential requests over localhost',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(12)}`),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatEmulatorBench(await runEmulatorBench()));
}
