/** The emulator's time: real time plus an offset that tests move with /__emulator/clock. */
export interface Clock {
  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number;
  advance(seconds: number): void;
  reset(): void;
}

export function createClock(realNow: () => number = Date.now): Clock {
  let offsetMs = 0;
  return {
    now: () => realNow() + offsetMs,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    reset() {
      offsetMs = 0;
    },
  };
}
