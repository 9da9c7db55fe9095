/** One HTTP exchange as the browser saw it; a redirect hop is an exchange of its own. */
export interface Exchange {
  url: string;
  /** When the request was about to be sent, in ms on one monotonic clock. */
  start: number;
  /** When its response had fully arrived (or it failed); undefined if it never ended. */
  end: number | undefined;
  /** Answered from the browser's cache: no network round trip. */
  fromCache: boolean;
}

/**
 * The number of sequential network round trips behind each exchange: the depth of the critical
 * chain. An exchange's depth is 1 (0 if answered from cache) plus the largest depth of the
 * exchanges that had ended when it started. Anything that ended before a request began may be
 * what it waited for, and nothing that was still in flight can be; so parallel requests share a
 * depth, and a redirect's next hop, which starts when the previous hop ends, is one deeper. On
 * loopback an unrelated request can end just before another starts, so this is an upper bound
 * of the causal depth, and exact when requests are as sequential as a sign-in's.
 */
export function chainDepths(exchanges: readonly Exchange[]): number[] {
  // What ended before an exchange started also started before it: in order of start, every
  // exchange's predecessors have their depth already.
  const order = exchanges
    .map((exchange, index) => ({ exchange, index }))
    .sort(
      (a, b) =>
        a.exchange.start - b.exchange.start ||
        (a.exchange.end ?? Infinity) - (b.exchange.end ?? Infinity),
    );
  const depths: number[] = new Array<number>(exchanges.length).fill(0);
  order.forEach(({ exchange, index }, position) => {
    let before = 0;
    for (const earlier of order.slice(0, position)) {
      const { end } = earlier.exchange;
      if (end !== undefined && end <= exchange.start) {
        before = Math.max(before, depths[earlier.index] ?? 0);
      }
    }
    depths[index] = before + (exchange.fromCache ? 0 : 1);
  });
  return depths;
}
