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

/**
 * The critical path to `target`: indexes into `exchanges`, from the first hop to `target`. Each
 * exchange's predecessor is the one it could have waited for, one round trip shallower (as deep,
 * through an answer from the cache), that ended last before it started: parallel requests at a
 * depth are left out, and the path shows one request per hop, and at most one answer from the
 * cache between two of them.
 */
export function criticalPath(
  exchanges: readonly Exchange[],
  depths: readonly number[],
  target: number,
): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  let current: number | undefined = target;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    path.push(current);
    const exchange = exchanges[current];
    if (!exchange) break;
    const wanted = (depths[current] ?? 0) - (exchange.fromCache ? 0 : 1);
    let best: number | undefined;
    exchanges.forEach((candidate, index) => {
      if (seen.has(index) || depths[index] !== wanted || wanted < 0) return;
      // An answer from the cache follows a request that went to the network, not another
      // answer from the cache: a burst of cached scripts is one step, not a chain of them.
      if (exchange.fromCache && candidate.fromCache) return;
      if (candidate.end === undefined || candidate.end > exchange.start) return;
      const bestEnd = best === undefined ? undefined : exchanges[best]?.end;
      if (bestEnd === undefined || candidate.end > bestEnd) best = index;
    });
    current = best;
  }
  return path.reverse();
}

/** What the sign-in chain's requests are, for the printed critical path. */
export interface HopFacts {
  url: string;
  method: string;
  type: string;
  source: 'page' | 'worker';
  status: number | undefined;
}

/** The app's own chunks, by the name Vite gives them, and what waits for each. */
const chunkPurposes: Record<string, string> = {
  index: 'the entry: it reads config.json and routes',
  'callback-page': 'the callback page: it checks the state and asks the vault to finish',
  'vault-worker': 'the token vault (a worker): it holds the PKCE verifier and makes the token call',
  'oidc-client-ts': 'oidc-client-ts, which the vault needs for the code exchange',
  'data-layer': 'the data layer: TanStack Query and the Workfront client',
  'signed-in-shell': 'the signed-in layout, which the first rows render in',
  'my-work-page': 'My work, whose query asks for work/myWork',
  react: 'React and the router',
};

/** The chunk name of a hashed asset path: `/assets/my-work-page-DuiGJumS.js` → `my-work-page`. */
export function chunkName(pathname: string): string | undefined {
  return /^\/assets\/(.+)-[\w-]{8}\.(?:js|css)$/.exec(pathname)?.[1];
}

/** A line of plain words for one hop: what the request is, and why the next hop waits for it. */
export function describeHop(hop: HopFacts): string {
  const url = new URL(hop.url);
  const path = url.pathname;
  if (path.endsWith('/integrations/oauth2/authorize')) {
    return hop.status !== undefined && hop.status >= 300 && hop.status < 400
      ? "authorize: Workfront's session cookie answers with a redirect to /callback"
      : 'authorize: Workfront shows its sign-in page';
  }
  if (path.endsWith('/oauth2/api/v1/token') && hop.method === 'POST') {
    return `token: the code exchange${hop.source === 'worker' ? ', sent by the vault' : ''}; the API calls need its access token`;
  }
  if (path.includes('/attask/api/') && path.endsWith('/work/myWork')) {
    return 'work/myWork: the rows of My work (the end of the chain)';
  }
  if (path.includes('/attask/api/')) {
    return `${path.replace(/^.*\/attask\/api\/[^/]+\//, '')}: a Workfront API call`;
  }
  if (hop.type === 'Document') {
    return path === '/callback'
      ? 'the callback document (index.html): the redirect lands here, the app starts again'
      : `the document ${path}`;
  }
  if (path === '/config.json') return 'config.json: the app reads it before it starts';
  const chunk = chunkName(path);
  if (chunk !== undefined) {
    const base = chunk.startsWith('vault-worker') ? 'vault-worker' : chunk;
    const purpose = chunkPurposes[base] ?? 'code that the next step imports';
    return `${chunk}${path.endsWith('.css') ? '.css' : '.js'}: ${purpose}`;
  }
  return `${hop.method} ${path} (${hop.type})`;
}
