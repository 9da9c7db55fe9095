import type { Page } from '@playwright/test';
import type { Exchange } from './round-trips';

export interface TracedExchange extends Exchange {
  method: string;
  /** The Chrome resource type: Document, Script, Fetch… */
  type: string;
  status: number | undefined;
  /** Wall-clock time at which it started, in epoch ms, to compare with in-page marks. */
  wallStart: number;
}

export interface NetworkTrace {
  /** Every exchange since the last clear(), redirect hops one by one. */
  exchanges(): TracedExchange[];
  clear(): void;
  stop(): Promise<void>;
}

/**
 * Records the page's requests through the Chrome DevTools Protocol, which, unlike Playwright's
 * request events, gives browser-side timestamps, every redirect hop and answers from the cache.
 * The page's session follows it across its navigations (to Workfront and back).
 */
export async function traceNetwork(page: Page): Promise<NetworkTrace> {
  const session = await page.context().newCDPSession(page);
  let exchanges: TracedExchange[] = [];
  /** The latest hop of each request ID: a redirect reuses the ID for its next hop. */
  const current = new Map<string, TracedExchange>();
  const ms = (seconds: number) => seconds * 1000;

  session.on('Network.requestWillBeSent', (event) => {
    const previous = current.get(event.requestId);
    if (previous && event.redirectResponse) {
      previous.end = ms(event.timestamp);
      previous.status = event.redirectResponse.status;
    }
    if (event.request.url.startsWith('data:') || event.request.url.startsWith('blob:')) return;
    const exchange: TracedExchange = {
      url: event.request.url,
      method: event.request.method,
      type: event.type ?? 'Other',
      start: ms(event.timestamp),
      end: undefined,
      fromCache: false,
      status: undefined,
      wallStart: ms(event.wallTime),
    };
    current.set(event.requestId, exchange);
    exchanges.push(exchange);
  });
  session.on('Network.requestServedFromCache', (event) => {
    const exchange = current.get(event.requestId);
    if (exchange) exchange.fromCache = true;
  });
  session.on('Network.responseReceived', (event) => {
    const exchange = current.get(event.requestId);
    if (!exchange) return;
    exchange.status = event.response.status;
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) exchange.fromCache = true;
  });
  session.on('Network.loadingFinished', (event) => {
    const exchange = current.get(event.requestId);
    if (exchange) exchange.end = ms(event.timestamp);
  });
  session.on('Network.loadingFailed', (event) => {
    const exchange = current.get(event.requestId);
    if (exchange) exchange.end = ms(event.timestamp);
  });
  await session.send('Network.enable');

  return {
    exchanges: () => exchanges.map((exchange) => ({ ...exchange })),
    clear() {
      exchanges = [];
      current.clear();
    },
    async stop() {
      await session.detach().catch(() => undefined);
    },
  };
}
