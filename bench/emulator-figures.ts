/** The figures that runEmulatorBench() in emulator/bench/bench.ts returns. */
export interface EmulatorFigures {
  refreshTokenRequestsPerSecond: number;
  authorizationCodeRequestsPerSecond: number;
  myWorkMedianMs: number;
  search2000MedianMs: number;
  workItems: number;
}

const keys: (keyof EmulatorFigures)[] = [
  'refreshTokenRequestsPerSecond',
  'authorizationCodeRequestsPerSecond',
  'myWorkMedianMs',
  'search2000MedianMs',
  'workItems',
];

/**
 * Runs the emulator's own bench in this process (on a free port, 10,000 work items). It is loaded
 * by path at run time rather than imported: the emulator's pages are Hono JSX, which this
 * project's React JSX settings cannot type-check, so its figures are checked here instead.
 */
export async function runEmulatorFigures(): Promise<EmulatorFigures> {
  const modulePath = '../emulator/bench/bench.ts';
  const loaded = (await import(modulePath)) as { runEmulatorBench: () => Promise<unknown> };
  const figures = (await loaded.runEmulatorBench()) as Record<string, unknown>;
  for (const key of keys) {
    if (typeof figures[key] !== 'number') {
      throw new Error(
        `The emulator bench gave no number for ${key}: emulator/bench/bench.ts changed`,
      );
    }
  }
  return figures as unknown as EmulatorFigures;
}
