import { describe, expect, it } from 'vitest';
import type { PageBundle } from './bundles';
import type { PageVitals } from './page-metrics';
import type { ScaleFigures } from './scale';
import { checkTargets, formatReport, scrollFrameLimitMs, type BenchResults } from './report';

const page = (gzip: number): PageBundle => ({
  js: { raw: gzip * 3, gzip },
  css: { raw: 0, gzip: 0 },
  files: [],
});

const vitals: PageVitals = {
  runs: 5,
  lcpMs: 180,
  cls: 0,
  tbtMs: 0,
  fcpMs: 120,
  endMs: 1_400,
  perRun: [],
};

const size = (workItems: number, p95FrameMs: number): ScaleFigures => ({
  workItems,
  runs: 5,
  dataToRowsMs: 40,
  domRows: 28,
  frames: 900,
  reachedBottom: true,
  p95FrameMs,
  maxFrameMs: p95FrameMs * 2,
  heapMb: 5,
  pageHeightPx: 640_000,
});

function results(options: { p95At10k: number; staticP95: number }): BenchResults {
  return {
    generatedAt: '2026-12-01T00:00:00.000Z',
    machine: { cpu: 'cpu', cores: 2, loadAverage: 1, node: '20', chromium: '156' },
    server: { software: 'nginx/1.22.1', configuredBy: 'deploy/nginx.ts' },
    bundle: { floor: page(100), landing: page(85), work: page(120), chunks: [] },
    signInPath: {
      vault: 'per-tab',
      runs: 1,
      incompleteTraces: 0,
      roundTrips: 8,
      requests: 27,
      tokenCalls: 1,
      tokenCallsTraced: 1,
      ms: 600,
      perRun: [{ roundTrips: 8, requests: 27, tokenCalls: 1, tokenCallsTraced: 1, ms: 600 }],
      chain: [],
      criticalPath: [
        {
          depth: 1,
          method: 'GET',
          url: '/assets/vault-worker-DrXvPPq5.js',
          type: 'Script',
          status: 200,
          fromCache: false,
          source: 'page',
          startMs: 2,
          durationMs: 30,
          label: 'vault-worker.js: the token vault',
          alongside: 0,
        },
      ],
    },
    pageMetrics: { landing: vitals, myWork: vitals, settleMs: 1_000 },
    refresh: {
      simulatedSeconds: 3600,
      accessTokenTtlSeconds: 120,
      pollEverySeconds: 15,
      queriesPerPoll: 20,
      vault: 'per-tab',
      polls: 240,
      queries: 4800,
      failures: 0,
      failureMessages: [],
      tokenCalls: 40,
      tokenCallsSeen: 40,
      secondsBetweenTokenCalls: 90,
      api401s: 0,
      signedInAtEnd: true,
      clockStalls: 0,
      realSeconds: 30,
    },
    scale: {
      sizes: [size(100, 6), size(1_000, 6), size(10_000, options.p95At10k)],
      staticPage: {
        path: '/bench-static/rows-10000.html',
        rows: 10_000,
        pageHeightPx: 640_000,
        runs: 5,
        frames: 900,
        p95FrameMs: options.staticP95,
        maxFrameMs: 20,
      },
    },
    emulator: {
      refreshTokenRequestsPerSecond: 2_000,
      authorizationCodeRequestsPerSecond: 2_000,
      myWorkMedianMs: 3,
      search2000MedianMs: 2,
      workItems: 10_000,
    },
  };
}

const scrollCheck = (bench: BenchResults) =>
  checkTargets(bench).find((check) => check.figure.startsWith('scale: p95 scroll frame'));

describe('scrollFrameLimitMs', () => {
  it('is twice the static page’s p95 frame plus 8 ms', () => {
    expect(scrollFrameLimitMs(4)).toBe(16);
    expect(scrollFrameLimitMs(10.35)).toBe(28.7);
    expect(scrollFrameLimitMs(0)).toBe(8);
  });
});

describe('checkTargets', () => {
  it('judges the scroll at 10,000 items against the static page of the same run', () => {
    expect(scrollCheck(results({ p95At10k: 16, staticP95: 4 }))).toMatchObject({
      figure: 'scale: p95 scroll frame at 10,000 items, ms',
      value: 16,
      target: '≤ 2 × static p95 + 8 ms = 2 × 4 + 8 = 16',
      pass: true,
    });
    expect(scrollCheck(results({ p95At10k: 16.1, staticP95: 4 }))?.pass).toBe(false);
    // A busy machine slows the static page too, and the bar moves with it.
    expect(scrollCheck(results({ p95At10k: 30, staticP95: 12 }))?.pass).toBe(true);
  });

  it('fails the sign-in cross-check when the trace misses a token call the emulator saw', () => {
    const bench = results({ p95At10k: 10, staticP95: 4 });
    const check = (figures: BenchResults) =>
      checkTargets(figures).find((target) => target.figure.includes('in the trace'));
    expect(check(bench)?.pass).toBe(true);
    bench.signInPath.perRun = bench.signInPath.perRun.map((run) => ({
      ...run,
      tokenCallsTraced: 0,
    }));
    expect(check(bench)?.pass).toBe(false);
  });
});

describe('formatReport', () => {
  it('names the server and prints the critical path and the page-load figures', () => {
    const bench = results({ p95At10k: 10, staticP95: 4 });
    const text = formatReport(bench, checkTargets(bench));
    expect(text).toContain('Server: nginx/1.22.1');
    expect(text).toMatch(
      /1 +\+2 ms +30 ms +-?\d+ ms +page +GET \/assets\/vault-worker-DrXvPPq5\.js 200/,
    );
    expect(text).toMatch(/landing \/ +180 ms +0 +0 ms/);
    expect(text).toMatch(/PASS +scale: p95 scroll frame at 10,000 items/);
  });
});
