import type { BundleFigures, PageBundle, Size } from './bundles';
import type { EmulatorFigures } from './emulator-figures';
import type { RefreshFigures } from './refresh';
import type { ScaleFigures } from './scale';
import type { SignInPathFigures } from './sign-in-path';
import { round } from './stats';

export interface BenchResults {
  generatedAt: string;
  machine: {
    cpu: string;
    cores: number;
    /** The 1-minute load average when the bench started. */
    loadAverage: number;
    node: string;
    chromium: string;
  };
  bundle: BundleFigures;
  signInPath: SignInPathFigures;
  refresh: RefreshFigures;
  scale: {
    /** p95 frame of the same scroll over a static page: the machine's floor at that moment. */
    idleP95FrameMs: number;
    sizes: ScaleFigures[];
  };
  emulator: EmulatorFigures;
}

export interface TargetCheck {
  figure: string;
  value: number;
  target: string;
  pass: boolean;
}

const ratio = (page: PageBundle, floor: PageBundle) => page.js.gzip / floor.js.gzip;

/** The targets and budgets, each with the figure it judges. Printed, never enforced. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const { bundle, signInPath, refresh, scale } = results;
  const largest = scale.sizes.reduce<ScaleFigures | undefined>(
    (most, size) => (most && most.workItems > size.workItems ? most : size),
    undefined,
  );
  // One refresh per window: the app refreshes 30 s before expiry (src/auth/refresh-schedule.ts).
  const refreshAheadSeconds = 30;
  const expectedTokenCalls = Math.round(
    refresh.simulatedSeconds / (refresh.accessTokenTtlSeconds - refreshAheadSeconds),
  );
  return [
    {
      figure: 'landing JS, gzip, × floor',
      value: round(ratio(bundle.landing, bundle.floor), 3),
      target: '≤ 0.9',
      pass: ratio(bundle.landing, bundle.floor) <= 0.9,
    },
    {
      figure: '/work JS, gzip, × floor',
      value: round(ratio(bundle.work, bundle.floor), 3),
      target: '≤ 1.3',
      pass: ratio(bundle.work, bundle.floor) <= 1.3,
    },
    {
      figure: 'sign-in: sequential round trips',
      value: signInPath.roundTrips,
      target: '= 4',
      pass: signInPath.roundTrips === 4,
    },
    {
      figure: 'sign-in: token calls per sign-in',
      value: signInPath.tokenCalls,
      target: '= 1',
      pass: signInPath.tokenCalls === 1,
    },
    {
      figure: 'refresh: token calls in the hour',
      value: refresh.tokenCalls,
      target: `≈ ${expectedTokenCalls} (1 per refresh window)`,
      pass: Math.abs(refresh.tokenCalls - expectedTokenCalls) <= 1,
    },
    {
      figure: 'refresh: user-visible 401s and errors',
      value: refresh.failures,
      target: '= 0',
      pass: refresh.failures === 0 && refresh.signedInAtEnd,
    },
    {
      figure: `scale: DOM rows at ${largest?.workItems ?? '?'} items`,
      value: largest?.domRows ?? Number.NaN,
      target: '≤ 100',
      pass: (largest?.domRows ?? Infinity) <= 100,
    },
    {
      figure: `scale: p95 scroll frame at ${largest?.workItems ?? '?'} items, ms`,
      value: largest?.p95FrameMs ?? Number.NaN,
      target: '≤ 16',
      pass: (largest?.p95FrameMs ?? Infinity) <= 16,
    },
  ];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const size = (value: Size) =>
  value.raw === 0 ? 'none' : `${kb(value.gzip)} gzip, ${kb(value.raw)} raw`;
const count = (value: number) => value.toLocaleString('en-US');

function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>(
    (most, row) => row.map((cell, index) => Math.max(most[index] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

export function formatReport(results: BenchResults, checks: TargetCheck[]): string {
  const { bundle, signInPath, refresh, scale, emulator, machine } = results;
  const pageRows = (name: string, page: PageBundle) => [
    [`  ${name} JS`, size(page.js), `${ratio(page, bundle.floor).toFixed(3)} × floor`],
    [`  ${name} CSS`, size(page.css), ''],
  ];
  const lines = [
    `Bench, ${results.generatedAt}: ${machine.cpu} (${machine.cores} cores, load average ${machine.loadAverage}), Node ${machine.node}, Chromium ${machine.chromium}`,
    '',
    'Bundle: what each page loads (the floor: the same libraries, nothing else)',
    ...table([
      ...pageRows('floor', bundle.floor),
      ...pageRows('landing', bundle.landing),
      ...pageRows('/work', bundle.work),
    ]),
    '',
    `Sign-in path: click "Sign in with Workfront" → first row of My work, Workfront session kept, median of ${signInPath.runs}`,
    ...table([
      [
        '  sequential round trips',
        String(signInPath.roundTrips),
        '(critical chain to work/myWork)',
      ],
      ['  requests', String(signInPath.requests), ''],
      ['  token calls', String(signInPath.tokenCalls), ''],
      ['  time on loopback', `${signInPath.ms} ms`, ''],
    ]),
    '',
    `Refresh: ${refresh.simulatedSeconds / 60} simulated minutes, ${refresh.accessTokenTtlSeconds} s access tokens, ${refresh.queriesPerPoll} queries every ${refresh.pollEverySeconds} s`,
    ...table([
      ['  queries', count(refresh.queries), `in ${refresh.polls} polls`],
      [
        '  token calls',
        String(refresh.tokenCalls),
        `one every ${refresh.secondsBetweenTokenCalls} s (median)`,
      ],
      ['  user-visible failures', String(refresh.failures), refresh.failureMessages.join('; ')],
      ['  API 401s (retried or not)', String(refresh.api401s), ''],
      ['  still signed in', refresh.signedInAtEnd ? 'yes' : 'no', ''],
    ]),
    '',
    `Scale: My work, frames not tied to 60 Hz, median of ${String(scale.sizes[0]?.runs)}`,
    ...table([
      ['  work items', 'data → rows', 'DOM rows', 'p95 frame', 'worst frame', 'JS heap'],
      ...scale.sizes.map((figures) => [
        `  ${count(figures.workItems)}`,
        `${figures.dataToRowsMs} ms`,
        String(figures.domRows),
        `${figures.p95FrameMs} ms`,
        `${figures.maxFrameMs} ms`,
        `${figures.heapMb} MB`,
      ]),
      ['  static page', '', '', `${scale.idleP95FrameMs} ms`, '', '(no app: the floor)'],
    ]),
    '',
    'Emulator: sequential requests over loopback',
    ...table([
      ['  token endpoint, refresh grant', `${count(emulator.refreshTokenRequestsPerSecond)} req/s`],
      [
        '  token endpoint, authorization code',
        `${count(emulator.authorizationCodeRequestsPerSecond)} req/s`,
      ],
      [`  work/myWork median, ${count(emulator.workItems)} items`, `${emulator.myWorkMedianMs} ms`],
    ]),
    '',
    'Targets (printed, not enforced)',
    ...table(
      checks.map((check) => [
        `  ${check.pass ? 'PASS' : 'FAIL'}`,
        check.figure,
        String(check.value),
        check.target,
      ]),
    ),
  ];
  return lines.join('\n');
}
