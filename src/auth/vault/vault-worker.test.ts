import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowEvent } from '../flow-events';
import type {
  VaultKind,
  VaultMessage,
  VaultReplies,
  VaultRequest,
  VaultRequestType,
  VaultState,
} from '../vault-protocol';
import { connectRequest, VaultError, vaultProtocolVersion } from '../vault-protocol';
import { rollCallEveryMs, rollCallMs } from './tab-roll';
import { createVaultHost } from './vault-worker';
import { deferred, failureOf } from '../test/vault-fixtures';
import {
  appOrigin,
  createRealStack,
  stackApiUrl as apiUrl,
  stackSettings as settings,
  type RealStack,
} from '../test/real-stack';

/**
 * A page: it records every message the vault posts to it, and waits for some. It answers the
 * vault's roll calls, as vault-connection.ts does, until it is gone.
 */
function fakePage() {
  const messages: VaultMessage[] = [];
  const waiting: { test: (message: VaultMessage) => boolean; resolve: () => void }[] = [];
  let vault: Host | undefined;
  const page = {
    messages,
    /** The vault it talks to: ask() tells it. */
    talksTo(host: Host) {
      vault = host;
    },
    /** Closed or reloaded, its `disconnect` lost: it answers nothing more. */
    gone() {
      vault = undefined;
    },
    postMessage(message: VaultMessage) {
      const answering = vault;
      if (message.type === 'roll-call' && answering) {
        queueMicrotask(() => void answering.receive(page, { type: 'here', id: 0 }));
      }
      // Across postMessage, a message is a structured clone: nothing but data reaches the page.
      messages.push(structuredClone(message));
      waiting
        .filter(({ test }) => test(message))
        .forEach(({ resolve }) => {
          resolve();
        });
    },
    states: () => messages.flatMap((message) => (message.type === 'state' ? [message.state] : [])),
    flows: () => messages.flatMap((message) => (message.type === 'flow' ? [message.event] : [])),
    until(test: (message: VaultMessage) => boolean): Promise<void> {
      if (messages.some(test)) return Promise.resolve();
      const seen = deferred();
      waiting.push({ test, resolve: seen.resolve });
      return seen.promise;
    },
  };
  return page;
}
type Page = ReturnType<typeof fakePage>;
type Host = ReturnType<typeof createVaultHost>;

let lastId = 0;

/** Sends a request as a page would, and reads the reply matched by its id. */
async function ask<T extends VaultRequestType>(
  host: Host,
  page: Page,
  request: VaultRequest<T>,
): Promise<VaultReplies[T]> {
  const id = ++lastId;
  page.talksTo(host);
  await host.receive(page, { ...request, id });
  const replies = page.messages.filter((message) => message.type === 'reply' && message.id === id);
  expect(replies).toHaveLength(1);
  const [reply] = replies;
  if (reply?.type !== 'reply') throw new Error('no reply');
  if (!reply.ok) throw new VaultError(reply.failure);
  return reply.value as VaultReplies[T];
}

/**
 * The stack of a test: the Workfront emulator in process, and the vault's host of `kind`, as the
 * worker starts it. Its `fetch` is the emulator's.
 */
let stack: RealStack;

/** A page signs in: Workfront's authorize page, the user's sign-in there, the code's exchange. */
async function signIn(host: Host, page: Page) {
  const started = await ask(host, page, {
    type: 'begin-sign-in',
    returnTo: '/work',
    bounce: false,
  });
  return ask(host, page, {
    type: 'finish-sign-in',
    url: await stack.authorize(started.url),
    pendingSignIn: started.pendingSignIn,
  });
}

function setUp(kind: VaultKind = 'shared', options: Parameters<typeof createRealStack>[0] = {}) {
  stack = createRealStack({ kind, ...options });
  return { stack, host: stack.host };
}

async function connected(host: Host, count = 1, given = settings) {
  const pages = Array.from({ length: count }, fakePage);
  for (const page of pages) await ask(host, page, connectRequest(given));
  return pages;
}

/** The next API call hangs, at Workfront, until the vault gives it up (the emulator's fault). */
const hangApi = () => stack.fault({ target: 'api', count: 1, delayMs: 60_000 });

const credentialOf = (state: VaultState) =>
  state.status === 'signed-in' ? state.credential : null;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the vault never lets a token out', () => {
  it('carries no token in any message of a sign-in, refreshes, an API call and a sign-out', async () => {
    // The instance check's call sends the token as RFC 6750 says, which this instance accepts.
    const { host } = setUp('shared', { settings: { acceptBearer: true } });
    const [first, second] = (await connected(host, 2)) as [Page, Page];

    await signIn(host, first);
    let state = await ask(host, second, { type: 'refresh', reason: 'expiring', credential: 1 });
    for (const reason of ['manual', 'rejected-by-workfront', 'resumed'] as const) {
      state = await ask(host, first, { type: 'refresh', reason, credential: credentialOf(state) });
    }
    const answer = await ask(host, second, {
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
    });
    await ask(host, first, {
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
      bearer: true,
    });
    await ask(host, first, { type: 'refresh', reason: 'manual', credential: null });
    // A refusal is an answer too.
    await failureOf(
      ask(host, first, {
        type: 'call-api',
        request: { method: 'GET', url: 'https://evil.example/' },
      }),
    );
    await ask(host, second, { type: 'sign-out', ended: false });
    await Promise.all(
      [first, second].map((page) =>
        page.until((message) => message.type === 'flow' && message.event.type === 'revoke'),
      ),
    );
    await ask(host, second, { type: 'disconnect' });

    // The tokens were real and did their work: a sign-in and five rotations, the fifth pair used
    // for the calls, the last one revoked.
    const issued = await stack.issued();
    const tokens = [...issued.accessTokens, ...issued.refreshTokens];
    const pairs = await stack.pairs();
    expect(pairs).toHaveLength(6);
    expect(new Set(tokens).size).toBe(12);
    expect(answer.status).toBe(200);
    const used = pairs[4]?.access ?? '';
    const [call, bearerCall, logout] = stack.sentTo('api');
    expect(
      [call, bearerCall].map(
        (request) => request?.headers.get('sessionID') ?? request?.headers.get('Authorization'),
      ),
    ).toEqual([used, `Bearer ${used}`]);
    expect(stack.revoked()).toEqual([pairs[5]?.refresh]);
    expect(logout?.url).toBe(`${settings.apiBase}/logout`);
    expect(logout?.headers.get('sessionID')).toBe(pairs[5]?.access);
    expect(stack.sentTo('api')).toHaveLength(3);

    const messages = [...first.messages, ...second.messages];
    expect(messages.filter((message) => message.type === 'state').length).toBeGreaterThan(6);
    expect(messages.filter((message) => message.type === 'flow').length).toBeGreaterThan(6);
    // One reply for each request (beside those to the pages' answers to roll calls, id 0).
    const replies = messages.filter((message) => message.type === 'reply' && message.id !== 0);
    expect(replies).toHaveLength(14);
    for (const message of messages) {
      const text = JSON.stringify(message);
      for (const token of tokens) expect(text).not.toContain(token);
    }
    // The search itself finds a token where there is one.
    expect(JSON.stringify({ value: `x${tokens[0] ?? ''}x` })).toContain(tokens[0]);
  });
});

describe('pages connecting and leaving', () => {
  it('counts the tabs, and tells every page of each change', async () => {
    const { host } = setUp();
    const first = fakePage();
    expect(await ask(host, first, connectRequest(settings))).toEqual({
      status: 'signed-out',
      reason: 'none',
      tabs: 1,
      kind: 'shared',
    });
    const second = fakePage();
    expect(await ask(host, second, connectRequest(settings))).toMatchObject({ tabs: 2 });
    expect(first.states().at(-1)).toMatchObject({ tabs: 2 });

    await ask(host, second, { type: 'disconnect' });
    expect(first.states().at(-1)).toMatchObject({ tabs: 1 });
    // The page that left is told nothing more.
    const heardBySecond = second.messages.length;
    const third = fakePage();
    await ask(host, third, connectRequest(settings));
    expect(second.messages).toHaveLength(heardBySecond);
    expect(first.states().at(-1)).toMatchObject({ tabs: 2 });
  });

  it('counts a page whose disconnect was lost no more, after the roll call of the next page', async () => {
    vi.useFakeTimers();
    const { host } = setUp();
    const [first, reloaded] = (await connected(host, 2)) as [Page, Page];
    // A reload whose `disconnect` the browser dropped: the old page is gone, a new one comes.
    reloaded.gone();
    const [again] = (await connected(host)) as [Page];
    expect(first.states().at(-1)).toMatchObject({ tabs: 3 });
    await vi.advanceTimersByTimeAsync(rollCallMs);
    expect(first.states().at(-1)).toMatchObject({ tabs: 2 });
    expect(again.states().at(-1)).toMatchObject({ tabs: 2 });
  });

  it('counts a closed tab no more at the next roll call, and a late answer again', async () => {
    vi.useFakeTimers();
    const { host } = setUp();
    const [first, closed] = (await connected(host, 2)) as [Page, Page];
    await vi.advanceTimersByTimeAsync(rollCallMs);
    expect(first.states().at(-1)).toMatchObject({ tabs: 2 });
    closed.gone();
    await vi.advanceTimersByTimeAsync(rollCallEveryMs + rollCallMs);
    expect(first.states().at(-1)).toMatchObject({ tabs: 1 });
    // Not gone after all, only busy: its answer counts it again.
    await ask(host, closed, { type: 'here' });
    expect(first.states().at(-1)).toMatchObject({ tabs: 2 });
  });

  it('refuses a page with other settings, saying so, and leaves it out of the count', async () => {
    const { host } = setUp();
    const [first] = (await connected(host)) as [Page];
    const stranger = fakePage();
    const failure = await failureOf(
      ask(host, stranger, connectRequest({ ...settings, clientId: 'another-app' })),
    );
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'vault-mismatch', with: 'configuration' },
    });
    expect(stranger.messages.filter((message) => message.type === 'state')).toHaveLength(0);
    expect(await ask(host, first, connectRequest(settings))).toMatchObject({ tabs: 1 });
  });

  it('refuses a page of another release, saying so, rather than misread it', async () => {
    const { host } = setUp();
    await connected(host);
    const older = fakePage();
    const failure = await failureOf(
      ask(host, older, { ...connectRequest(settings), version: vaultProtocolVersion - 1 }),
    );
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'vault-mismatch', with: 'release' },
    });
    expect(older.messages.filter((message) => message.type === 'state')).toHaveLength(0);
  });

  it('keeps its tokens for a page that reconnects (back/forward cache)', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    await ask(host, page, { type: 'disconnect' });
    expect(await ask(host, page, connectRequest(settings))).toMatchObject({
      status: 'signed-in',
      credential: 1,
      tabs: 1,
    });
  });

  it('refuses every request before the first connect', async () => {
    const { host } = setUp();
    const page = fakePage();
    for (const request of [
      { type: 'begin-sign-in', returnTo: '/', bounce: false },
      { type: 'refresh', reason: 'manual', credential: null },
      { type: 'call-api', request: { method: 'GET', url: apiUrl } },
      { type: 'sign-out', ended: false },
    ] as const) {
      expect(await failureOf(ask(host, page, request))).toEqual({
        kind: 'refused',
        detail: 'connect first',
      });
    }
    expect([...stack.sentTo('token'), ...stack.sentTo('revoke'), ...stack.sentTo('api')]).toEqual(
      [],
    );
  });
});

describe('replies', () => {
  it('are matched to their request by id, in whatever order they finish', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    await hangApi();
    const call = host.receive(page, {
      id: 900,
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
    });
    await host.receive(page, { id: 901, type: 'refresh', reason: 'manual', credential: null });
    await host.receive(page, { id: 902, type: 'cancel', call: 900 });
    await call;
    const replies = page.messages.flatMap((message) => (message.type === 'reply' ? [message] : []));
    expect(replies.slice(-3)).toEqual([
      {
        type: 'reply',
        id: 901,
        ok: true,
        value: expect.objectContaining({ credential: 2 }) as VaultState,
      },
      { type: 'reply', id: 902, ok: true, value: null },
      { type: 'reply', id: 900, ok: false, failure: { kind: 'cancelled' } },
    ]);
  });

  it('carry failures as data, a plain error as a refusal with its message', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await host.receive(page, {
      id: 77,
      type: 'finish-sign-in',
      url: 'not a url',
      pendingSignIn: '{}',
    });
    const reply = page.messages.at(-1);
    expect(reply).toEqual({
      type: 'reply',
      id: 77,
      ok: false,
      failure: { kind: 'refused', detail: expect.stringMatching(/URL/) as string },
    });
    // Data only: the page could not tell a class from it.
    expect(structuredClone(reply)).toEqual(reply);
  });

  it('carry a refresh problem with what the page needs to decide', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    // Workfront busy: 429, temporarily_unavailable, Retry-After 4.
    await stack.fault({ target: 'token', count: 1, retryAfterSeconds: 4 });
    expect(
      await failureOf(ask(host, page, { type: 'refresh', reason: 'expiring', credential: 1 })),
    ).toEqual({
      kind: 'problem',
      problem: {
        kind: 'token-error',
        error: 'temporarily_unavailable',
        description: 'Too many requests: retry later',
      },
      afterBounce: false,
      endsSession: false,
      retryAfterMs: 4_000,
    });
  });
});

describe('refreshes asked for by several pages', () => {
  it('share one token request when the pages saw the same credential', async () => {
    const { host } = setUp();
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    const held = stack.hold('token');
    const both = Promise.all([
      ask(host, first, { type: 'refresh', reason: 'expiring', credential: 1 }),
      ask(host, second, { type: 'refresh', reason: 'resumed', credential: 1 }),
    ]);
    await held.seen;
    held.release();
    const [fromFirst, fromSecond] = await both;
    expect(await stack.pairs()).toHaveLength(2);
    expect(credentialOf(fromFirst)).toBe(2);
    expect(credentialOf(fromSecond)).toBe(2);
  });

  it('make none for a page that names a credential already replaced', async () => {
    const { host } = setUp();
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    await ask(host, first, { type: 'refresh', reason: 'expiring', credential: 1 });
    const late = await ask(host, second, { type: 'refresh', reason: 'expiring', credential: 1 });
    expect(await stack.pairs()).toHaveLength(2);
    expect(credentialOf(late)).toBe(2);
  });
});

describe('API calls from pages', () => {
  it('are cancelled by the page that made them', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    await hangApi();
    const call = host.receive(page, {
      id: 500,
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
    });
    await host.receive(page, { id: 501, type: 'cancel', call: 500 });
    await call;
    expect(page.messages.at(-1)).toEqual({
      type: 'reply',
      id: 500,
      ok: false,
      failure: { kind: 'cancelled' },
    });
  });

  it('are not cancelled by another page naming the same id', async () => {
    const { host } = setUp();
    const [owner, other] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, owner);
    // Answered, and held on its way back: an abort meanwhile would fail it.
    const answered = stack.hold('api');
    const call = host.receive(owner, {
      id: 600,
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
    });
    await answered.seen;
    await host.receive(other, { id: 601, type: 'cancel', call: 600 });
    answered.release();
    await call;
    expect(owner.messages.at(-1)).toMatchObject({
      type: 'reply',
      id: 600,
      ok: true,
      value: { status: 200 },
    });
  });

  it('are cancelled when their page leaves', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    await hangApi();
    const call = host.receive(page, {
      id: 700,
      type: 'call-api',
      request: { method: 'GET', url: apiUrl },
    });
    await host.receive(page, { id: 701, type: 'disconnect' });
    await call;
    expect(page.messages.at(-1)).toEqual({
      type: 'reply',
      id: 700,
      ok: false,
      failure: { kind: 'cancelled' },
    });
  });

  it('are refused for a URL outside Workfront’s API, with nothing sent', async () => {
    const { host } = setUp();
    const [page] = (await connected(host)) as [Page];
    await signIn(host, page);
    const failure = await failureOf(
      ask(host, page, {
        type: 'call-api',
        request: { method: 'GET', url: `${appOrigin}/` },
      }),
    );
    expect(failure.kind).toBe('refused');
    expect(stack.sent.filter((request) => request.url.startsWith(appOrigin))).toHaveLength(0);
  });
});

describe('what every page hears', () => {
  it('the state after a sign-in, each refresh and the sign-out', async () => {
    const { host } = setUp();
    const pages = await connected(host, 3);
    const [first, second] = pages as [Page, Page, Page];
    await signIn(host, first);
    await ask(host, second, { type: 'refresh', reason: 'manual', credential: 1 });
    await ask(host, first, { type: 'sign-out', ended: false });
    for (const page of pages) {
      expect(page.states().slice(-3)).toEqual([
        expect.objectContaining({ status: 'signed-in', credential: 1, tabs: 3, kind: 'shared' }),
        expect.objectContaining({ status: 'signed-in', credential: 2, tabs: 3 }),
        { status: 'signed-out', reason: 'signed-out', tabs: 3, kind: 'shared' },
      ]);
    }
  });

  it('the flow inspector’s events, from whichever page started them', async () => {
    const { host } = setUp();
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    await ask(host, second, { type: 'refresh', reason: 'manual', credential: 1 });
    const types = (events: FlowEvent[]) => events.map((event) => event.type);
    expect(types(first.flows())).toEqual(['token-exchange', 'refresh']);
    expect(second.flows()).toEqual(first.flows());
  });

  it('no flow events where the inspector is off: nothing of the flow is recorded', async () => {
    const { host } = setUp();
    const [page] = (await connected(host, 1, { ...settings, observe: false })) as [Page];
    await signIn(host, page);
    await ask(host, page, { type: 'refresh', reason: 'manual', credential: 1 });
    await ask(host, page, { type: 'sign-out', ended: false });
    expect(page.states().at(-1)).toMatchObject({ status: 'signed-out' });
    expect(page.flows()).toEqual([]);
  });

  it('a session end as such', async () => {
    const { host } = setUp();
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    await ask(host, first, { type: 'sign-out', ended: true });
    expect(second.states().at(-1)).toMatchObject({ status: 'signed-out', reason: 'session-ended' });
  });
});

/**
 * Two vaults of the same client, each with a page signed in: `there`'s first, then `here`'s.
 * In that order because here they share one realm, which two workers never do: each vault wraps
 * its realm's `fetch` to read the token endpoint's answers (workfront-oauth.ts), and the one
 * made last reads them all. `here` signs in once both are made, and `there` signed in alone.
 */
async function twoVaultsSignedIn(hereKind: VaultKind, thereKind: VaultKind) {
  const { host: there } = setUp(thereKind);
  const [pageThere] = (await connected(there)) as [Page];
  await signIn(there, pageThere);
  const here = createVaultHost(hereKind);
  const [pageHere] = (await connected(here)) as [Page];
  await signIn(here, pageHere);
  return { here, pageHere, pageThere };
}

describe('sign-out', () => {
  it('in a shared vault, is the vault’s: every tab is signed out', async () => {
    const { host } = setUp('shared');
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    await ask(host, second, { type: 'sign-out', ended: false });
    expect(first.states().at(-1)).toMatchObject({ status: 'signed-out' });
  });

  // Another vault of the same client: a tab of its own (per-tab vaults), or the shared vault of
  // another release, whose script has another URL and so is another SharedWorker.
  it.each([
    ['per-tab', 'per-tab'],
    ['shared', 'shared'],
    ['shared', 'per-tab'],
  ] as const)(
    'in a %s vault, is told to every other vault (%s), which signs out and revokes its own tokens',
    async (hereKind, thereKind) => {
      const { here, pageHere, pageThere } = await twoVaultsSignedIn(hereKind, thereKind);
      expect(pageThere.states().at(-1)).toMatchObject({
        status: 'signed-in',
        kind: thereKind,
        tabs: 1,
      });
      expect(pageHere.states().at(-1)).toMatchObject({ status: 'signed-in', kind: hereKind });
      const [refreshThere, refreshHere] = (await stack.pairs()).map((pair) => pair.refresh);

      await ask(here, pageHere, { type: 'sign-out', ended: false });
      await pageThere.until(
        (message) =>
          message.type === 'state' &&
          message.state.status === 'signed-out' &&
          message.state.reason === 'signed-out',
      );
      await pageThere.until(
        (message) => message.type === 'flow' && message.event.type === 'revoke',
      );

      expect(pageThere.states().at(-1)).toEqual({
        status: 'signed-out',
        reason: 'signed-out',
        tabs: 1,
        kind: thereKind,
      });
      expect(stack.revoked()).toEqual([refreshHere, refreshThere]);
      // Revoked at Workfront: neither can be redeemed.
      for (const token of [refreshHere, refreshThere]) {
        expect(await (await stack.redeem(token ?? '')).json()).toMatchObject({
          error: 'invalid_grant',
        });
      }
    },
  );

  it('is not told to the other vaults when the session merely ended', async () => {
    const { here, pageHere, pageThere } = await twoVaultsSignedIn('per-tab', 'per-tab');
    expect(pageHere.states().at(-1)).toMatchObject({ status: 'signed-in' });
    const posted = vi.spyOn(stack.BroadcastChannel.prototype, 'postMessage');
    await ask(here, pageHere, { type: 'sign-out', ended: true });
    expect(posted).not.toHaveBeenCalled();
    expect(pageThere.states().at(-1)).toMatchObject({ status: 'signed-in' });
  });

  it('while a refresh is in flight, leaves every page signed out', async () => {
    const { host } = setUp();
    const [first, second] = (await connected(host, 2)) as [Page, Page];
    await signIn(host, first);
    const held = stack.hold('token');
    const refresh = host.receive(second, {
      id: 800,
      type: 'refresh',
      reason: 'expiring',
      credential: 1,
    });
    await held.seen;
    await ask(host, first, { type: 'sign-out', ended: false });
    held.release();
    await refresh;
    expect(
      second.messages.find((message) => message.type === 'reply' && message.id === 800),
    ).toEqual({
      type: 'reply',
      id: 800,
      ok: false,
      failure: { kind: 'signed-out' },
    });
    for (const page of [first, second]) {
      expect(page.states().at(-1)).toMatchObject({ status: 'signed-out', reason: 'signed-out' });
    }
    // Both, each as soon as it can: the one that arrived late needs no logout first.
    const pairs = await stack.pairs();
    expect(pairs).toHaveLength(2);
    expect(stack.revoked().toSorted()).toEqual(pairs.map((pair) => pair.refresh).toSorted());
  });
});
