/** Counts the requests each user has in flight, as Workfront caps API threads. */
export interface ConcurrencyLimit {
  /** Takes a slot, or returns undefined when `key` already has `max` in flight. */
  tryAcquire(key: string, max: number): (() => void) | undefined;
}

export function createConcurrencyLimit(): ConcurrencyLimit {
  const inFlight = new Map<string, number>();
  return {
    tryAcquire(key, max) {
      const count = inFlight.get(key) ?? 0;
      if (count >= max) return undefined;
      inFlight.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const remaining = (inFlight.get(key) ?? 1) - 1;
        if (remaining === 0) inFlight.delete(key);
        else inFlight.set(key, remaining);
      };
    },
  };
}
