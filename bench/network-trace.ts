import type { Page, Request } from '@playwright/test';
import type { Exchange } from './round-trips';

export interface TracedExchange extends Exchange {
  method: string;
  /** The Chrome resource type: Document, Script, Fetch… */
  type: string;
  status: number | undefined;
  /** Wall-clock time at which it started, in epoch ms, to compare with in-page marks. */
  wallStart: number;
  /** Who sent it: the page (documents, its scripts, config.json) or a worker (the token vault). */
  source: 'page' | 'worker';
}

export interface NetworkTrace {
  /** Every exchange since the last clear(), redirect hops one by one, in order of start. */
  exchanges(): TracedExchange[];
  /**
   * The fetches that Playwright saw and the trace did not, as `METHOD url`: a worker whose first
   * requests went by before the trace's session was on (see traceNetwork). Empty when complete.
   */
  missed(): string[];
  clear(): void;
  stop(): Promise<void>;
}

/** The parts of the DevTools Protocol's Network events that the trace reads. */
interface NetworkEvents {
  'Network.requestWillBeSent': {
    requestId: string;
    request: { url: string; method: string };
    timestamp: number;
    wallTime: number;
    type?: string;
    redirectResponse?: { status: number };
  };
  'Network.requestServedFromCache': { requestId: string };
  'Network.responseReceived': {
    requestId: string;
    response: { status: number; fromDiskCache?: boolean; fromPrefetchCache?: boolean };
  };
  'Network.loadingFinished': { requestId: string; timestamp: number; encodedDataLength: number };
  'Network.loadingFailed': { requestId: string; timestamp: number };
}

type NetworkEvent = {
  [Method in keyof NetworkEvents]: { method: Method; params: NetworkEvents[Method] };
}[keyof NetworkEvents];

/**
 * Records the page's requests, and those of its dedicated workers, through the Chrome DevTools
 * Protocol, which, unlike Playwright's request events, gives browser-side timestamps on one
 * clock, every redirect hop and answers from the cache. The page's session follows it across its
 * navigations (to Workfront and back).
 *
 * A worker's requests never show on its page's session: the token vault's (a dedicated Worker in
 * the per-tab vault, see newBenchContext) are read from the worker's own target, to which the
 * page's session attaches as each worker starts (Target.setAutoAttach). Playwright's CDPSession
 * cannot address the child sessions of flat mode, so this uses the protocol's nested mode:
 * messages to and from the worker go through Target.sendMessageToTarget and
 * Target.receivedMessageFromTarget. A worker's script is requested on the page's session and
 * finishes on the worker's, under the same request ID.
 *
 * The worker waits at its start for its debuggers, but Playwright, attached too, lets it run as
 * soon as its own session is ready: now and then the worker's first request (the token call) is
 * sent before this session's Network domain is on. Playwright's own request events see every
 * request of a dedicated worker, so they tell what the trace missed (`missed()`), and the bench
 * measures such a run again. A SharedWorker's requests reach neither
 * (microsoft/playwright#33917).
 */
export async function traceNetwork(page: Page): Promise<NetworkTrace> {
  const session = await page.context().newCDPSession(page);
  let exchanges: TracedExchange[] = [];
  /** The latest hop of each request ID (per target): a redirect reuses it for its next hop. */
  const current = new Map<string, TracedExchange>();
  const ms = (seconds: number) => seconds * 1000;

  function record(source: TracedExchange['source'], scope: string, event: NetworkEvent): void {
    let key = `${scope}:${event.params.requestId}`;
    // A worker's own script is requested on its page's session, under the same request ID, and
    // finishes on the worker's: the page's session never sees its end.
    const pageKey = `page:${event.params.requestId}`;
    if (event.method !== 'Network.requestWillBeSent' && !current.has(key) && current.has(pageKey)) {
      key = pageKey;
    }
    switch (event.method) {
      case 'Network.requestWillBeSent': {
        const { params } = event;
        const previous = current.get(key);
        if (previous && params.redirectResponse) {
          previous.end = ms(params.timestamp);
          previous.status = params.redirectResponse.status;
        }
        if (params.request.url.startsWith('data:') || params.request.url.startsWith('blob:')) {
          return;
        }
        const exchange: TracedExchange = {
          url: params.request.url,
          method: params.request.method,
          type: params.type ?? 'Other',
          start: ms(params.timestamp),
          end: undefined,
          fromCache: false,
          status: undefined,
          wallStart: ms(params.wallTime),
          source,
        };
        current.set(key, exchange);
        exchanges.push(exchange);
        return;
      }
      case 'Network.requestServedFromCache': {
        const exchange = current.get(key);
        if (exchange) exchange.fromCache = true;
        return;
      }
      case 'Network.responseReceived': {
        const exchange = current.get(key);
        if (!exchange) return;
        const { response } = event.params;
        exchange.status = response.status;
        if (response.fromDiskCache || response.fromPrefetchCache) exchange.fromCache = true;
        return;
      }
      case 'Network.loadingFinished': {
        const exchange = current.get(key);
        if (!exchange) return;
        exchange.end = ms(event.params.timestamp);
        // No byte from the network: the cache answered (a 304 still has its headers' bytes). A
        // worker's script from the cache says so only this way: its response events go to the
        // worker's session before the trace is on there.
        if (event.params.encodedDataLength === 0) exchange.fromCache = true;
        return;
      }
      case 'Network.loadingFailed': {
        const exchange = current.get(key);
        if (exchange) exchange.end = ms(event.params.timestamp);
        return;
      }
    }
  }

  session.on('Network.requestWillBeSent', (params) => {
    record('page', 'page', { method: 'Network.requestWillBeSent', params });
  });
  session.on('Network.requestServedFromCache', (params) => {
    record('page', 'page', { method: 'Network.requestServedFromCache', params });
  });
  session.on('Network.responseReceived', (params) => {
    record('page', 'page', { method: 'Network.responseReceived', params });
  });
  session.on('Network.loadingFinished', (params) => {
    record('page', 'page', { method: 'Network.loadingFinished', params });
  });
  session.on('Network.loadingFailed', (params) => {
    record('page', 'page', { method: 'Network.loadingFailed', params });
  });

  let nextId = 1;
  const sendToTarget = (sessionId: string, method: string, params: object = {}) =>
    session
      .send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: nextId++, method, params }),
      })
      // The target may be gone already (its page navigated away): nothing to record then.
      .catch(() => undefined);
  const workers = new Set<string>();
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    void (async () => {
      if (targetInfo.type === 'worker') {
        workers.add(sessionId);
        await sendToTarget(sessionId, 'Network.enable');
      }
      await sendToTarget(sessionId, 'Runtime.runIfWaitingForDebugger');
    })();
  });
  session.on('Target.detachedFromTarget', ({ sessionId }) => {
    if (sessionId) workers.delete(sessionId);
  });
  session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    if (!workers.has(sessionId)) return;
    const parsed = JSON.parse(message) as { method?: string };
    if (parsed.method?.startsWith('Network.')) {
      record('worker', sessionId, parsed as NetworkEvent);
    }
  });

  /** Playwright's view of the same fetches, to check the trace against. */
  let fetches: Request[] = [];
  const onRequest = (request: Request) => {
    if (['fetch', 'xhr'].includes(request.resourceType())) fetches.push(request);
  };
  page.context().on('request', onRequest);
  /**
   * Scripts as Playwright saw them finish: a worker's script ends on the worker's session, and
   * this trace's may come on there too late to see it. Playwright's end is the same protocol
   * event, in ms from the request's start.
   */
  let finishedScripts: { key: string; durationMs: number; fromCache: boolean }[] = [];
  const onFinished = (request: Request) => {
    if (request.resourceType() !== 'script') return;
    const durationMs = request.timing().responseEnd;
    if (durationMs < 0) return;
    void request.sizes().then(
      (sizes) => {
        finishedScripts.push({
          key: `${request.method()} ${request.url()}`,
          durationMs,
          // Playwright's body size is the bytes received less the headers': nothing received.
          fromCache: sizes.responseHeadersSize + sizes.responseBodySize === 0,
        });
      },
      () => undefined,
    );
  };
  page.context().on('requestfinished', onFinished);

  await session.send('Network.enable');
  await session.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: false,
  });

  return {
    exchanges() {
      const unused = [...finishedScripts];
      return exchanges
        .map((exchange) => {
          const copy = { ...exchange };
          if (copy.end !== undefined || copy.type !== 'Script') return copy;
          const key = `${copy.method} ${copy.url}`;
          const index = unused.findIndex((finished) => finished.key === key);
          const finished = unused.splice(index, index < 0 ? 0 : 1)[0];
          if (finished) {
            copy.end = copy.start + finished.durationMs;
            copy.fromCache ||= finished.fromCache;
          }
          return copy;
        })
        .sort((a, b) => a.start - b.start);
    },
    missed() {
      const traced = new Map<string, number>();
      for (const exchange of exchanges) {
        const key = `${exchange.method} ${exchange.url}`;
        traced.set(key, (traced.get(key) ?? 0) + 1);
      }
      const missing: string[] = [];
      for (const request of fetches) {
        const key = `${request.method()} ${request.url()}`;
        const left = traced.get(key) ?? 0;
        if (left > 0) traced.set(key, left - 1);
        else missing.push(key);
      }
      return missing;
    },
    clear() {
      exchanges = [];
      current.clear();
      fetches = [];
      finishedScripts = [];
    },
    async stop() {
      page.context().off('request', onRequest);
      page.context().off('requestfinished', onFinished);
      await session.detach().catch(() => undefined);
    },
  };
}
