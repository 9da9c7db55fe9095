import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { parseAppConfig, type AppConfig } from '../../config/app-config';
import { createAuthClient, type AuthClient } from './auth-client';
import type { VaultInfo } from './auth-observer';
import { AuthProblemError } from '../auth-errors';
import { completeCallback, stateLessWindowMs } from './callback-exchange';
import type { FlowEvent } from '../flow-events';
import { minimumValiditySeconds, refreshMarginSeconds } from '../refresh-schedule';
import {
  connectRequest,
  VaultError,
  vaultProtocolVersion,
  type ApiRequest,
  type VaultFailure,
  type VaultKind,
} from '../vault-protocol';
import { vaultSettings } from '../vault-settings';
import {
  appOrigin,
  clientId,
  createRealStack,
  demoUser,
  stackSettings,
  workfrontUrl,
  type Fault,
  type RealStackOptions,
} from '../test/real-stack';

const config = parseAppConfig({
  workfrontUrl,
  clientId,
  redirectPath: '/callback',
  // Most tests read what an observer hears; "with the inspector off" attaches none.
  inspector: true,
});

const flagKey = 'workfront.wasSignedIn';
const bounceKey = 'workfront.bounceStartedAt';
const sharedBounceKey = 'workfront.bounceUnderWay';
const pendingKey = (stateId: string) => `workfront.signin.${stateId}`;
const bounceWindowMs = 30_000;

const apiRequest: ApiRequest = {
  method: 'GET',
  url: `${appOrigin}/attask/api/v20.0/user/search`,
};

function fail(failure: VaultFailure): never {
  throw new VaultError(failure);
}

const networkDown: VaultFailure = { kind: 'network', detail: 'TypeError: Failed to fetch' };

/**
 * The real vault (vault-worker.ts's host) and Workfront (the emulator), in process: its access
 * tokens live `lifetimeMs`. Pages of the app open it with `openVault`; what they ask is recorded
 * (`requests`, `requestsOf`). Workfront's answers are the emulator's, its faults included; the
 * vault's own can be replaced through `answer` where the real one cannot be made to give it.
 */
function createStackVault({
  lifetimeMs = 120_000,
  kind = 'shared',
  settings: emulatorSettings = {},
}: { lifetimeMs?: number; kind?: VaultKind; settings?: RealStackOptions['settings'] } = {}) {
  const stack = createRealStack({
    kind,
    settings: { accessTokenTtlSeconds: lifetimeMs / 1000, ...emulatorSettings },
  });
  return Object.assign(stack, {
    /**
     * Another tab signs in to the vault through Workfront and closes: the vault holds a session,
     * of the emulator's demo user, before this page loads.
     */
    async signInElsewhere() {
      const { connection } = stack.otherTab();
      await connection.request(connectRequest(settings));
      const started = await connection.request({
        type: 'begin-sign-in',
        returnTo: '/work',
        bounce: false,
      });
      const url = await stack.authorize(started.url);
      await connection.request({
        type: 'finish-sign-in',
        url,
        pendingSignIn: started.pendingSignIn,
      });
      await connection.request({ type: 'disconnect' });
    },
    /** Another tab, still open, refreshes the tokens it saw: every page hears the new ones. */
    async refreshElsewhere(credential: number) {
      const { connection } = stack.otherTab();
      await connection.request(connectRequest(settings));
      await connection.request({ type: 'refresh', reason: 'expiring', credential });
      await connection.request({ type: 'disconnect' });
    },
    /** The emulator's demo user, by Workfront's ID: the user every sign-in here is of. */
    async userId() {
      const response = await stack.control('GET', '/users');
      const users = (await response.json()) as { ID: string; emailAddr: string }[];
      return users.find((user) => user.emailAddr === demoUser.email)?.ID;
    },
  });
}

type StackVault = ReturnType<typeof createStackVault>;

/** An observer that keeps what it hears, as the flow inspector's log does. */
function createObserver() {
  let steps: readonly FlowEvent[] = [];
  let vaultInfo: VaultInfo | null = null;
  return {
    step: vi.fn((event: FlowEvent) => {
      steps = [...steps, event];
    }),
    vault: vi.fn((info: VaultInfo) => {
      vaultInfo = info;
    }),
    steps: () => steps,
    vaultInfo: () => vaultInfo,
  };
}

const observers = new WeakMap<AuthClient, ReturnType<typeof createObserver>>();

/** What the observer of `client` heard: only a client made with the inspector on has one. */
function heard(client: AuthClient) {
  const observer = observers.get(client);
  if (!observer) throw new Error('This client has no observer.');
  return observer;
}

/** A page's client, as src/main.tsx makes it: observed only where the inspector is on. */
function createClient(vault: StackVault, overrides: Partial<AppConfig> = {}): AuthClient {
  const inspector = overrides.inspector ?? config.inspector;
  const observer = inspector ? createObserver() : undefined;
  const client = createAuthClient(
    { ...config, ...overrides },
    { openVault: vault.openVault, observer },
  );
  if (observer) observers.set(client, observer);
  return client;
}

/**
 * The listeners a client adds to the window, by event type: each client adds its own, and a test
 * calls only the one it made, whatever earlier tests' clients listen for.
 */
function windowListeners(create: () => AuthClient) {
  const added = vi.spyOn(window, 'addEventListener');
  const client = create();
  const listeners = new Map<string, (event: Event) => void>();
  for (const [type, listener] of added.mock.calls) {
    if (typeof listener === 'function') listeners.set(type, listener);
  }
  added.mockRestore();
  return { client, listeners };
}

/** A page loaded while another tab of the browser is signed in. */
async function signedInPage(
  options: { lifetimeMs?: number; kind?: VaultKind; ageMs?: number } = {},
) {
  const vault = createStackVault(options);
  await vault.signInElsewhere();
  // The page loads this much later: its token has aged, its timer not yet run.
  if (options.ageMs) vi.setSystemTime(Date.now() + options.ageMs);
  window.localStorage.setItem(flagKey, '1');
  const { client, listeners } = windowListeners(() => createClient(vault));
  expect(await client.afterReload('/work')).toBe('ready');
  expect(client.getState().status).toBe('signed-in');
  return { vault, client, listeners };
}

const realLocation = window.location;
let assign: Mock<(url: string | URL) => void>;
let reload: Mock<() => void>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/work');
  // jsdom does not navigate; its Location is unforgeable, so the page sees one that records.
  assign = vi.fn();
  reload = vi.fn();
  const location = new Proxy({} as Location, {
    get(_target, key) {
      if (key === 'assign') return assign;
      if (key === 'reload') return reload;
      const value: unknown = Reflect.get(realLocation, key);
      return typeof value === 'function' ? (value as () => unknown).bind(realLocation) : value;
    },
  });
  Object.defineProperty(window, 'location', { configurable: true, value: location });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Object.defineProperty(window, 'location', { configurable: true, value: realLocation });
});

const settings = vaultSettings(config, appOrigin);

/** The verifier's S256 challenge (RFC 7636), as Workfront checks it. */
async function challengeOf(verifier: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** A code as the flow inspector shows it: its first and last four characters. */
const masked = (code: string) => `${code.slice(0, 4)}…${code.slice(-4)}`;

/**
 * Signs in from one page; the user signs in at Workfront, which sends the browser back to the
 * callback document. `callback` makes another callback of the real one's code and state.
 */
async function returnFromWorkfront(
  vault: StackVault,
  callback?: (code: string, state: string) => string,
) {
  const signingIn = createClient(vault);
  await signingIn.signIn('/projects/p1');
  // The page leaves for Workfront.
  vault.unloadPages();
  const authorizeUrl = String(assign.mock.calls[0]?.[0]);
  const authorizeAt = Date.now();
  const stateId = new URL(authorizeUrl).searchParams.get('state') ?? '';
  const back = new URL(await vault.authorize(authorizeUrl));
  const code = back.searchParams.get('code') ?? '';
  vi.advanceTimersByTime(2_000);
  const href = callback
    ? `${appOrigin}/callback?${callback(code, back.searchParams.get('state') ?? '')}`
    : back.href;
  return { signingIn, authorizeUrl, authorizeAt, href, stateId, code };
}

/** What callback-document.ts does with the callback at `href`, on the vault. */
function finishCallback(
  vault: StackVault,
  href: string,
  stateEcho = true,
  observe = true,
  steps: FlowEvent[] = [],
) {
  const connection = vault.openVault(config.clientId, (notice) => {
    if (notice.type === 'flow') steps.push(notice.event);
  });
  return completeCallback(href, {
    storage: window.sessionStorage,
    flagStorage: window.localStorage,
    origin: appOrigin,
    steps,
    open: async () => {
      await connection.request(connectRequest({ ...settings, observe }));
      return { stateEcho, observe, vault: connection };
    },
  });
}

/** The app, loaded into the page after the callback document (or into a fresh one). */
async function appAfterCallback(vault: StackVault) {
  const page = createClient(vault);
  await page.afterReload('/projects/p1');
  return page;
}

describe('signIn', () => {
  it('connects with the settings the vault needs, and nothing secret', async () => {
    const vault = createStackVault();
    await createClient(vault).signIn('/work');

    expect(vault.openVault).toHaveBeenCalledWith(clientId, expect.any(Function));
    expect(vault.requests()[0]).toEqual({
      type: 'connect',
      version: vaultProtocolVersion,
      // The harness's own copy, written out there: what the vault is to be given.
      settings: stackSettings,
    });
  });

  it("calls Workfront's API at Workfront itself in direct mode", async () => {
    const vault = createStackVault();
    await createClient(vault, { apiMode: 'direct' }).signIn('/work');
    const [connect] = vault.requestsOf('connect');
    expect(connect?.settings.apiBase).toBe(`${workfrontUrl}/attask/api/v20.0`);
  });

  it('keeps the pending sign-in in this tab under its state, and goes to Workfront', async () => {
    const vault = createStackVault();
    await createClient(vault).signIn('/projects/p1?tab=2');

    expect(vault.requestsOf('begin-sign-in')).toEqual([
      { type: 'begin-sign-in', returnTo: '/projects/p1?tab=2', bounce: false },
    ]);
    expect(assign).toHaveBeenCalledOnce();
    const url = new URL(String(assign.mock.calls[0]?.[0]));
    const stateId = url.searchParams.get('state') ?? '';
    const pending = window.sessionStorage.getItem(pendingKey(stateId));
    // The verifier of the challenge Workfront is sent.
    const { code_verifier: verifier } = JSON.parse(pending ?? '{}') as { code_verifier: string };
    expect(await challengeOf(verifier)).toBe(url.searchParams.get('code_challenge'));
    // Nothing survives the tab: the flag storage has none of it.
    expect(window.localStorage.getItem(pendingKey(stateId))).toBeNull();
    expect(url.origin + url.pathname).toBe(config.authorizationEndpoint);
    expect(stateId).not.toBe('');
    expect(url.searchParams.has('prompt')).toBe(false);
  });

  it('keeps one pending sign-in per tab: an abandoned one is dropped', async () => {
    window.sessionStorage.setItem(pendingKey('abandoned'), '{"code_verifier":"old"}');
    window.sessionStorage.setItem('unrelated', 'kept');
    const vault = createStackVault();
    const client = createClient(vault);

    await client.signIn('/work');
    await client.signIn('/work');

    const [first, second] = assign.mock.calls.map(
      ([url]) => new URL(String(url)).searchParams.get('state') ?? '',
    );
    expect(window.sessionStorage.getItem(pendingKey('abandoned'))).toBeNull();
    expect(window.sessionStorage.getItem(pendingKey(first ?? ''))).toBeNull();
    expect(window.sessionStorage.getItem(pendingKey(second ?? ''))).not.toBeNull();
    expect(window.sessionStorage.getItem('unrelated')).toBe('kept');
  });

  it.each(['//evil.example/work', 'https://evil.example/', 'work'])(
    'never lets %s be where the sign-in comes back to',
    async (returnTo) => {
      const vault = createStackVault();
      await createClient(vault).signIn(returnTo);
      expect(vault.requestsOf('begin-sign-in')[0]?.returnTo).toBe('/work');
    },
  );

  it('throws a vault failure as the problem the screens explain, and goes nowhere', async () => {
    const vault = createStackVault();
    vault.answer('begin-sign-in', () => fail(networkDown));

    const error: unknown = await createClient(vault)
      .signIn('/work')
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(AuthProblemError);
    expect((error as AuthProblemError).problem).toEqual({ kind: 'network' });
    expect(assign).not.toHaveBeenCalled();
    expect(Object.keys(window.sessionStorage)).toEqual([]);
  });

  it('checks the authorize URL again before leaving: only the configured endpoint', async () => {
    // A vault that sent the page elsewhere: the page does not follow.
    const vault = createStackVault();
    for (const url of [
      `https://evil.example/integrations/oauth2/authorize?client_id=${clientId}`,
      `${workfrontUrl}/elsewhere?client_id=${clientId}`,
      'javascript:alert(1)',
    ]) {
      vault.answer('begin-sign-in', () => ({ url, stateId: 's', pendingSignIn: '{}' }));
      const error: unknown = await createClient(vault)
        .signIn('/work')
        .catch((thrown: unknown) => thrown);
      expect((error as AuthProblemError).problem).toMatchObject({ kind: 'unexpected' });
    }
    expect(assign).not.toHaveBeenCalled();
    expect(Object.keys(window.sessionStorage)).toEqual([]);
  });
});

describe('the callback document, then the app it loads', () => {
  async function callbackProblem(page: AuthClient) {
    const error: unknown = await page.completeSignIn().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthProblemError);
    return error as AuthProblemError;
  }

  it('exchanges the code for the pending sign-in, and the app opens signed in where it started', async () => {
    const vault = createStackVault();
    const { href, stateId } = await returnFromWorkfront(vault);
    const pending = window.sessionStorage.getItem(pendingKey(stateId));

    await expect(finishCallback(vault, href)).resolves.toBe('/projects/p1');

    expect(vault.requestsOf('finish-sign-in')).toEqual([
      { type: 'finish-sign-in', url: href, pendingSignIn: pending },
    ]);
    expect(window.sessionStorage.getItem(pendingKey(stateId))).toBeNull();
    const page = await appAfterCallback(vault);
    expect(page.getState()).toMatchObject({ status: 'signed-in' });
    expect(page.wasSignedIn()).toBe(true);
    // Workfront issued the tokens for that code.
    expect(await vault.pairs()).toHaveLength(1);
  });

  it('supplies the state from the one sign-in pending, where config.json says Workfront does not echo it', async () => {
    // An instance that sends the browser back with the code alone.
    const vault = createStackVault({ settings: { echoState: false } });
    const { href, stateId } = await returnFromWorkfront(vault);
    expect(new URL(href).searchParams.has('state')).toBe(false);

    await expect(finishCallback(vault, href, false)).resolves.toBe('/projects/p1');

    const [finish] = vault.requestsOf('finish-sign-in');
    expect(new URL(finish?.url ?? '').searchParams.get('state')).toBe(stateId);
  });

  it('refuses a callback without state from an instance that echoes it', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault, (code) => `code=${code}`);

    await expect(finishCallback(vault, href)).resolves.toBe(undefined);

    expect((await callbackProblem(createClient(vault))).problem).toEqual({
      kind: 'state-mismatch',
      detail: 'missing-state',
    });
    expect(vault.requestsOf('finish-sign-in')).toEqual([]);
  });

  it('never matches a callback without state to a sign-in pending for over ten minutes', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault, (code) => `code=${code}`);
    vi.advanceTimersByTime(stateLessWindowMs);

    await expect(finishCallback(vault, href, false)).resolves.toBe(undefined);

    expect((await callbackProblem(createClient(vault))).problem).toEqual({
      kind: 'state-mismatch',
      detail: 'expired',
    });
    expect(vault.requestsOf('finish-sign-in')).toEqual([]);
  });

  it('matches a callback with its state to its sign-in, however long it waited', async () => {
    const vault = createStackVault();
    await createClient(vault).signIn('/projects/p1');
    vault.unloadPages();
    // An hour on Workfront's sign-in page.
    vi.advanceTimersByTime(60 * 60_000);
    const href = await vault.authorize(String(assign.mock.calls[0]?.[0]));

    await expect(finishCallback(vault, href)).resolves.toBe('/projects/p1');
  });

  it('tells the observer of the authorize request, then the callback (code masked) and the spent verifier', async () => {
    const vault = createStackVault();
    const { signingIn, href, authorizeUrl, authorizeAt, stateId, code } =
      await returnFromWorkfront(vault);
    expect(heard(signingIn).steps()).toEqual([
      { type: 'authorize', at: authorizeAt, url: authorizeUrl },
    ]);
    const pending = window.sessionStorage.getItem(pendingKey(stateId));
    const { code_verifier: verifier } = JSON.parse(pending ?? '{}') as { code_verifier: string };

    await finishCallback(vault, href);
    const page = await appAfterCallback(vault);

    expect(heard(page).steps()).toEqual([
      {
        type: 'callback',
        at: Date.now(),
        state: stateId,
        // As Workfront sends the browser back: the code, its own two, and the state.
        params: [
          ['code', masked(code)],
          ['domain', 'emulator'],
          ['lane', 'preview'],
          ['state', stateId],
        ],
      },
      { type: 'pkce-proof', at: Date.now(), verifier },
      // The vault's own account of the exchange, which the callback document heard.
      expect.objectContaining({ type: 'token-exchange', at: Date.now(), ok: true }) as FlowEvent,
    ]);
    expect(JSON.stringify(heard(page).steps())).not.toContain(code);
  });

  it('tells the observer which pending sign-in a callback without state completed', async () => {
    const vault = createStackVault({ settings: { echoState: false } });
    const { href, stateId, code } = await returnFromWorkfront(vault);

    await finishCallback(vault, href, false);
    const page = await appAfterCallback(vault);

    expect(heard(page).steps()[0]).toEqual({
      type: 'callback',
      at: Date.now(),
      state: stateId,
      params: [
        ['code', masked(code)],
        ['domain', 'emulator'],
        ['lane', 'preview'],
      ],
    });
  });

  it('records nothing of the flow with the inspector off, from the sign-in to the sign-out', async () => {
    const vault = createStackVault();
    const off = { inspector: false };
    await createClient(vault, off).signIn('/projects/p1');
    vault.unloadPages();
    expect(Object.keys(window.sessionStorage).some((key) => key.includes('authorize'))).toBe(false);

    const href = await vault.authorize(String(assign.mock.calls[0]?.[0]));
    const steps: FlowEvent[] = [];
    await expect(finishCallback(vault, href, true, false, steps)).resolves.toBe('/projects/p1');
    const page = createClient(vault, off);
    await page.afterReload('/projects/p1');
    expect(page.getState().status).toBe('signed-in');
    await page.signOut();

    expect(steps).toEqual([]);
    expect(observers.has(page)).toBe(false);
  });

  it('tells the app once: a page loaded after it sees no callback', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    await finishCallback(vault, href);
    await appAfterCallback(vault);

    expect((await callbackProblem(createClient(vault))).problem).toEqual({
      kind: 'not-a-callback',
    });
  });

  it('refuses a page that is no callback, and clears the flag', async () => {
    window.localStorage.setItem(flagKey, '1');
    const vault = createStackVault();

    await expect(finishCallback(vault, `${appOrigin}/callback?foo=1`)).resolves.toBe(undefined);

    expect((await callbackProblem(createClient(vault))).problem).toEqual({
      kind: 'not-a-callback',
    });
    expect(window.localStorage.getItem(flagKey)).toBeNull();
    expect(vault.requestsOf('finish-sign-in')).toEqual([]);
  });

  it('refuses a callback for no sign-in of this tab, and clears the flag', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault, (code) => `code=${code}&state=forged`);
    window.localStorage.setItem(flagKey, '1');

    await expect(finishCallback(vault, href)).resolves.toBe(undefined);

    expect((await callbackProblem(createClient(vault))).problem).toEqual({
      kind: 'state-mismatch',
      detail: 'unknown-state',
    });
    expect(window.localStorage.getItem(flagKey)).toBeNull();
    expect(vault.requestsOf('finish-sign-in')).toEqual([]);
  });

  it("passes on the vault's problem, says whether it was a bounce, and clears the flag", async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(
      vault,
      (_, state) => `error=access_denied&state=${state}`,
    );
    window.localStorage.setItem(flagKey, '1');
    // A bounce's refusal: the vault says so (its own tests show when).
    vault.answer('finish-sign-in', () =>
      fail({
        kind: 'problem',
        problem: { kind: 'access-denied' },
        afterBounce: true,
        endsSession: false,
      }),
    );

    await finishCallback(vault, href);
    const page = createClient(vault);
    const error = await callbackProblem(page);

    expect(error.problem).toEqual({ kind: 'access-denied' });
    expect(error.afterReload).toBe(true);
    expect(window.localStorage.getItem(flagKey)).toBeNull();
    expect(page.getState().status).toBe('signed-out');
  });

  it('ends the bounce, whatever the callback brings', async () => {
    window.sessionStorage.setItem(bounceKey, String(Date.now()));

    await finishCallback(createStackVault(), `${appOrigin}/callback?foo=1`);

    expect(window.sessionStorage.getItem(bounceKey)).toBeNull();
  });

  it.each([
    ['a sign-in', true],
    ['a failure', false],
  ])('ends the bounce the other tabs wait for, once the vault has %s', async (_, ok) => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    window.localStorage.setItem(sharedBounceKey, String(Date.now()));
    // The connection to Workfront lost as the code is exchanged.
    if (!ok) await vault.fault({ target: 'token', count: 1, drop: true });
    let markerAtExchange: string | null = null;
    vault.request.mockImplementation((message) => {
      if (message.type === 'finish-sign-in') {
        markerAtExchange = window.localStorage.getItem(sharedBounceKey);
      }
    });

    await finishCallback(vault, href);

    expect(markerAtExchange).not.toBeNull();
    expect(window.localStorage.getItem(sharedBounceKey)).toBeNull();
    expect(await vault.pairs()).toHaveLength(ok ? 1 : 0);
  });

  it('never goes off this origin after the sign-in, whatever the vault returns', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    vault.answer('finish-sign-in', () => ({ returnTo: '//evil.example/x' }));
    await expect(finishCallback(vault, href)).resolves.toBe('/work');
  });
});

describe('the user a session is of', () => {
  const dana = 'dana-id';

  it('is named by the "was signed in" flag', async () => {
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    await finishCallback(vault, href);
    await appAfterCallback(vault);
    expect(window.localStorage.getItem(flagKey)).toBe(await vault.userId());
  });

  it('changes with no silent restore when a bounce comes back as someone else', async () => {
    window.localStorage.setItem(flagKey, dana);
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    window.sessionStorage.setItem(bounceKey, String(Date.now()));
    await finishCallback(vault, href);

    const page = await appAfterCallback(vault);

    expect(page.getState()).toMatchObject({ status: 'signed-in', userChanged: true });
    expect(window.localStorage.getItem(flagKey)).toBe(await vault.userId());
  });

  it('does not change when the user signs in themselves, whoever was signed in before', async () => {
    window.localStorage.setItem(flagKey, dana);
    const vault = createStackVault();
    const { href } = await returnFromWorkfront(vault);
    await finishCallback(vault, href);

    const page = await appAfterCallback(vault);

    expect(page.getState()).toMatchObject({ status: 'signed-in' });
    expect(page.getState()).not.toHaveProperty('userChanged');
  });

  it('changes in an open page as a sign-out of the first user, then the sign-in of the other', async () => {
    const { vault, client } = await signedInPage();
    const seen: unknown[] = [];
    client.subscribe(() => seen.push(client.getState()));

    // Another user signs in to the shared vault, in another tab.
    const response = await vault.control('GET', '/users');
    const users = (await response.json()) as { emailAddr: string; isActive: boolean }[];
    const other = users.find((user) => user.emailAddr !== demoUser.email && user.isActive);
    const { connection } = vault.otherTab();
    await connection.request(connectRequest(settings));
    const started = await connection.request({
      type: 'begin-sign-in',
      returnTo: '/work',
      bounce: false,
    });
    const url = await vault.authorize(started.url, {
      email: other?.emailAddr ?? '',
      password: demoUser.password,
    });
    await connection.request({ type: 'finish-sign-in', url, pendingSignIn: started.pendingSignIn });
    await vi.advanceTimersByTimeAsync(0);

    expect(seen).toEqual([
      { status: 'signed-out', reason: 'signed-out' },
      { status: 'signed-in', expiresAt: Date.now() + 120_000, userChanged: true },
    ]);
  });
});

describe('afterReload', () => {
  it('is ready at once, without starting the vault, in a browser not signed in', async () => {
    const vault = createStackVault();
    await expect(createClient(vault).afterReload('/work')).resolves.toBe('ready');
    expect(vault.openVault).not.toHaveBeenCalled();
  });

  it('leaves the callback page to finish the sign-in', async () => {
    window.localStorage.setItem(flagKey, '1');
    const vault = createStackVault();
    await expect(createClient(vault).afterReload('/callback?code=1&state=2')).resolves.toBe(
      'ready',
    );
    expect(vault.openVault).not.toHaveBeenCalled();
  });

  it("takes another tab's session from the vault: signed in, no bounce", async () => {
    const { vault, client } = await signedInPage();
    expect(client.getState()).toEqual({ status: 'signed-in', expiresAt: Date.now() + 120_000 });
    expect(vault.requestsOf('begin-sign-in')).toEqual([]);
    expect(assign).not.toHaveBeenCalled();
    expect(window.sessionStorage.getItem(bounceKey)).toBeNull();
  });

  it('bounces through Workfront, with no prompt, back to the same page when the vault has no session', async () => {
    // Signed in before, in this browser; the vault that held the session has gone since.
    const vault = createStackVault();
    await vault.signInElsewhere();
    vault.restart();
    window.localStorage.setItem(flagKey, '1');

    await expect(createClient(vault).afterReload('/projects/p1?tab=2')).resolves.toBe('bouncing');

    expect(vault.requestsOf('begin-sign-in')).toEqual([
      { type: 'begin-sign-in', returnTo: '/projects/p1?tab=2', bounce: true },
    ]);
    expect(window.sessionStorage.getItem(bounceKey)).toBe(String(Date.now()));
    // Workfront's own session answers it with the code at once, no page shown.
    const back = new URL(await vault.authorize(String(assign.mock.calls[0]?.[0])));
    expect(vault.prompts()).toBe(0);
    expect(back.searchParams.has('code')).toBe(true);
  });

  it.each(['/', '/?lang=fr', '/#top'])('never bounces from the start page (%s)', async (path) => {
    window.localStorage.setItem(flagKey, '1');
    const vault = createStackVault();
    await expect(createClient(vault).afterReload(path)).resolves.toBe('ready');
    expect(vault.requestsOf('begin-sign-in')).toEqual([]);
    expect(assign).not.toHaveBeenCalled();
  });

  it('bounces once: a page loaded again before the callback came back stays put', async () => {
    window.localStorage.setItem(flagKey, '1');
    expect(await createClient(createStackVault()).afterReload('/work')).toBe('bouncing');

    // Workfront's error page, then Back, within the bounce window.
    vi.advanceTimersByTime(bounceWindowMs);
    const vault = createStackVault();
    await expect(createClient(vault).afterReload('/work')).resolves.toBe('ready');

    expect(vault.requestsOf('begin-sign-in')).toEqual([]);
    expect(assign).toHaveBeenCalledOnce();
  });

  it('gives a bounce 30 seconds: after that without a callback, it failed, and the flag goes', async () => {
    window.localStorage.setItem(flagKey, '1');
    expect(await createClient(createStackVault()).afterReload('/work')).toBe('bouncing');

    vi.advanceTimersByTime(bounceWindowMs + 1);
    const vault = createStackVault();
    const client = createClient(vault);
    await expect(client.afterReload('/work')).resolves.toBe('ready');

    expect(client.wasSignedIn()).toBe(false);
    expect(window.sessionStorage.getItem(bounceKey)).toBeNull();
    expect(vault.openVault).not.toHaveBeenCalled();
    expect(assign).toHaveBeenCalledOnce();
  });

  it("waits for another tab's bounce, and takes the session it brings to the vault", async () => {
    window.localStorage.setItem(flagKey, '1');
    window.localStorage.setItem(sharedBounceKey, String(Date.now()));
    const vault = createStackVault();
    const client = createClient(vault);
    const after = client.afterReload('/work');
    await vi.advanceTimersByTimeAsync(2000);
    expect(client.getState().status).toBe('signed-out');

    // The other tab's callback exchanges the code into the shared vault, which tells every tab.
    await vault.signInElsewhere();

    await expect(after).resolves.toBe('ready');
    expect(client.getState().status).toBe('signed-in');
    expect(vault.requestsOf('begin-sign-in')).toEqual([]);
    expect(assign).not.toHaveBeenCalled();
  });

  it("shows the app signed out, bouncing no more, when another tab's bounce never came back", async () => {
    window.localStorage.setItem(flagKey, '1');
    window.localStorage.setItem(sharedBounceKey, String(Date.now()));
    const vault = createStackVault();
    const client = createClient(vault);
    const after = client.afterReload('/work');
    await vi.advanceTimersByTimeAsync(bounceWindowMs);

    await expect(after).resolves.toBe('ready');
    expect(client.wasSignedIn()).toBe(false);
    expect(window.localStorage.getItem(sharedBounceKey)).toBeNull();
    expect(vault.requestsOf('begin-sign-in')).toEqual([]);
  });

  it('drops the flag when the vault cannot start', async () => {
    window.localStorage.setItem(flagKey, '1');
    const vault = createStackVault();
    // As vault-connection.ts fails every request when the worker does not start.
    vault.answer('connect', () => fail(networkDown));
    const client = createClient(vault);

    await expect(client.afterReload('/work')).resolves.toBe('ready');

    expect(client.wasSignedIn()).toBe(false);
    expect(assign).not.toHaveBeenCalled();
  });

  it('drops the flag and the bounce when the bounce cannot even start', async () => {
    window.localStorage.setItem(flagKey, '1');
    const vault = createStackVault();
    vault.answer('begin-sign-in', () => fail(networkDown));
    const client = createClient(vault);

    await expect(client.afterReload('/work')).resolves.toBe('ready');

    expect(client.wasSignedIn()).toBe(false);
    expect(window.sessionStorage.getItem(bounceKey)).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });
});

describe('the expiry timer', () => {
  const marginMs = refreshMarginSeconds * 1000;
  /** The connection to Workfront is lost on the next `count` token requests. */
  const tokenRequestsDropped = (vault: StackVault, count: number) =>
    vault.fault({ target: 'token', count, drop: true });

  it('refreshes refreshMarginSeconds before expiry, naming the credential it saw', async () => {
    const { vault } = await signedInPage({ lifetimeMs: 120_000 });

    await vi.advanceTimersByTimeAsync(120_000 - marginMs - 1);
    expect(vault.requestsOf('refresh')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(vault.requestsOf('refresh')).toEqual([
      { type: 'refresh', reason: 'expiring', credential: 1 },
    ]);
  });

  it("starts again on the new token's expiry after each refresh", async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });

    await vi.advanceTimersByTimeAsync(120_000 - marginMs);
    expect(client.getState()).toEqual({ status: 'signed-in', expiresAt: Date.now() + 120_000 });
    await vi.advanceTimersByTimeAsync(120_000 - marginMs);

    expect(vault.requestsOf('refresh').map((message) => message.credential)).toEqual([1, 2]);
    expect(await vault.pairs()).toHaveLength(3);
  });

  it('retries a refresh the network failed after 1, 2, 4 and 8 seconds, then gives up', async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });
    await tokenRequestsDropped(vault, 5);
    const attempts = () => vault.requestsOf('refresh').length;

    await vi.advanceTimersByTimeAsync(120_000 - marginMs);
    expect(attempts()).toBe(1);
    for (const [index, waitMs] of [1_000, 2_000, 4_000, 8_000].entries()) {
      await vi.advanceTimersByTimeAsync(waitMs - 1);
      expect(attempts(), `retry ${String(index + 1)} not yet`).toBe(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(attempts(), `retry ${String(index + 1)}`).toBe(index + 2);
    }
    await vi.advanceTimersByTimeAsync(60_000);

    expect(attempts()).toBe(5);
    // Every retry names the token it set out to replace.
    expect(new Set(vault.requestsOf('refresh').map((message) => message.credential))).toEqual(
      new Set([1]),
    );
    expect(client.getState().status).toBe('signed-in');
  });

  it.each<[string, Fault]>([
    ['a lost connection', { target: 'token', count: 1, drop: true }],
    ['a busy Workfront', { target: 'token', count: 1, status: 429 }],
  ])('retries after %s, and stops once a retry succeeds', async (_name, fault) => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });
    await vault.fault(fault);

    await vi.advanceTimersByTimeAsync(120_000 - marginMs + 1_000);

    expect(vault.requestsOf('refresh')).toHaveLength(2);
    // The sign-in's tokens, then the retry's: the first attempt got none.
    expect(await vault.pairs()).toHaveLength(2);
    expect(client.getState()).toEqual({
      status: 'signed-in',
      expiresAt: Date.now() + 120_000 - 1_000 + 1_000 - 1_000 + 1_000,
    });
  });

  it('waits as long as the token endpoint asked with Retry-After', async () => {
    const { vault } = await signedInPage({ lifetimeMs: 120_000 });
    await vault.fault({ target: 'token', count: 1, retryAfterSeconds: 5 });

    await vi.advanceTimersByTimeAsync(120_000 - marginMs);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(vault.requestsOf('refresh')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(vault.requestsOf('refresh')).toHaveLength(2);
  });

  it('does not retry a refresh that ended the session', async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });
    // Workfront revokes the session: the refresh token is refused (invalid_grant).
    await vault.control('POST', '/sessions/revoke');

    await vi.advanceTimersByTimeAsync(120_000 - marginMs);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(vault.requestsOf('refresh')).toHaveLength(1);
    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'session-ended' });
    expect(client.wasSignedIn()).toBe(false);
  });

  it('does not retry a refresh the vault refused as signed out', async () => {
    const { vault } = await signedInPage({ lifetimeMs: 120_000 });
    // The vault signed out, its notice not yet here.
    vault.answer('refresh', () => fail({ kind: 'signed-out' }));

    await vi.advanceTimersByTimeAsync(120_000 - marginMs + 20_000);

    expect(vault.requestsOf('refresh')).toHaveLength(1);
  });

  it('stops retrying once another refresh renewed the token meanwhile', async () => {
    const { vault } = await signedInPage({ lifetimeMs: 120_000 });
    await tokenRequestsDropped(vault, 1);

    await vi.advanceTimersByTimeAsync(120_000 - marginMs);
    // Another tab's refresh lands before the first retry.
    await vault.refreshElsewhere(1);
    await vi.advanceTimersByTimeAsync(15_000);

    expect(vault.requestsOf('refresh')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000 - marginMs - 15_000);
    expect(vault.requestsOf('refresh').map((message) => message.credential)).toEqual([1, 2]);
  });

  it('is not moved by a notice of the same token: each page keeps the expiry it first saw', async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });
    const expiresAt = Date.now() + 120_000;
    const listener = vi.fn();
    client.subscribe(listener);

    await vi.advanceTimersByTimeAsync(60_000);
    // Another tab opens: the vault tells every page its state, the same token's.
    await vault.otherTab().connection.request(connectRequest(settings));

    expect(client.getState()).toEqual({ status: 'signed-in', expiresAt });
    expect(listener).not.toHaveBeenCalled();
    expect(heard(client).vaultInfo()).toEqual({
      kind: 'shared',
      tabs: 2,
      userId: await vault.userId(),
    });
    await vi.advanceTimersByTimeAsync(120_000 - marginMs - 60_000);
    expect(vault.requestsOf('refresh')).toEqual([
      { type: 'refresh', reason: 'expiring', credential: 1 },
    ]);
  });

  it('is anchored again by a notice of a new token, on this page’s clock', async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });

    await vi.advanceTimersByTimeAsync(60_000);
    await vault.refreshElsewhere(1);

    expect(client.getState()).toEqual({ status: 'signed-in', expiresAt: Date.now() + 120_000 });
    await vi.advanceTimersByTimeAsync(120_000 - marginMs - 1);
    expect(vault.requestsOf('refresh')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(vault.requestsOf('refresh')).toEqual([
      { type: 'refresh', reason: 'expiring', credential: 2 },
    ]);
  });

  it('refreshes at once when the tab comes back online with its token stale (sleep)', async () => {
    const { vault } = await signedInPage({ lifetimeMs: 120_000 });
    // Asleep: the clock moved on, the timer did not fire.
    vi.setSystemTime(Date.now() + 100_000);

    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);

    expect(vault.requestsOf('refresh')[0]).toEqual({
      type: 'refresh',
      reason: 'resumed',
      credential: 1,
    });
  });
});

describe('refresh', () => {
  it('names the credential it is given, so that the vault can tell a stale caller', async () => {
    const { vault, client } = await signedInPage();
    await client.refresh('rejected-by-workfront', 1);
    await client.refresh('rejected-by-workfront', 1);
    expect(vault.requestsOf('refresh')).toEqual([
      { type: 'refresh', reason: 'rejected-by-workfront', credential: 1 },
      { type: 'refresh', reason: 'rejected-by-workfront', credential: 1 },
    ]);
    // The second caller was behind the first: the vault refreshed once.
    expect(await vault.pairs()).toHaveLength(2);
  });

  it('names the current credential when given none', async () => {
    const { vault, client } = await signedInPage();
    await client.refresh();
    await client.refresh('manual');
    expect(vault.requestsOf('refresh')).toEqual([
      { type: 'refresh', reason: 'expiring', credential: 1 },
      { type: 'refresh', reason: 'manual', credential: 2 },
    ]);
  });

  it('throws a failure as the problem the screens explain', async () => {
    const { vault, client } = await signedInPage();
    await vault.control('POST', '/sessions/revoke');
    const error: unknown = await client.refresh().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthProblemError);
    // Workfront's invalid_grant, as the vault explains it (oidc-errors.ts).
    expect((error as AuthProblemError).problem).toEqual({
      kind: 'token-error',
      error: 'invalid_grant',
      description: 'The refresh token is unknown or revoked',
    });
  });

  it('"Refresh now" retries as the timer does, and never throws', async () => {
    const { vault, client } = await signedInPage();
    await vault.fault({ target: 'token', count: 5, drop: true });
    const done = client.refreshNow();
    await vi.advanceTimersByTimeAsync(15_000);
    await expect(done).resolves.toBeUndefined();
    expect(vault.requestsOf('refresh')).toHaveLength(5);
    expect(vault.requestsOf('refresh')[0]).toMatchObject({ reason: 'manual', credential: 1 });
  });

  describe('a refresh whose answer was lost (a bounce)', () => {
    /**
     * Workfront rotates the refresh token, and its answer is lost on the way: the vault's token
     * is spent, and the next refresh is refused. Not a real refusal: the vault says to bounce.
     */
    const answerLost = (vault: StackVault) =>
      vault.fault({ target: 'token', count: 1, dropAfterProcessing: true });

    it('signs in again with no prompt, back to this very page', async () => {
      const { vault, client } = await signedInPage();
      window.history.replaceState(null, '', '/projects/p1?tab=2#notes');
      await answerLost(vault);
      const lost: unknown = await client
        .refresh('rejected-by-workfront', 1)
        .catch((thrown: unknown) => thrown);
      expect((lost as AuthProblemError).problem).toEqual({ kind: 'network' });
      expect(assign).not.toHaveBeenCalled();

      const error: unknown = await client
        .refresh('rejected-by-workfront', 1)
        .catch((thrown: unknown) => thrown);

      expect((error as AuthProblemError).problem).toEqual({ kind: 'signed-out' });
      expect(vault.requestsOf('begin-sign-in')).toEqual([
        { type: 'begin-sign-in', returnTo: '/projects/p1?tab=2#notes', bounce: true },
      ]);
      expect(assign).toHaveBeenCalledOnce();
      const authorize = String(assign.mock.calls[0]?.[0]);
      const stateId = new URL(authorize).searchParams.get('state') ?? '';
      expect(window.sessionStorage.getItem(pendingKey(stateId))).not.toBeNull();
      // Workfront's own session answers it with the code at once, no page shown.
      await vault.authorize(authorize);
      expect(vault.prompts()).toBe(0);
    });

    it('from the expiry timer too, and then retries nothing', async () => {
      const { vault } = await signedInPage({ lifetimeMs: 120_000 });
      await answerLost(vault);

      await vi.advanceTimersByTimeAsync(120_000 - refreshMarginSeconds * 1000 + 20_000);

      // The lost one, then its retry, which the vault answered with the bounce.
      expect(vault.requestsOf('refresh')).toHaveLength(2);
      expect(vault.requestsOf('begin-sign-in')).toEqual([
        { type: 'begin-sign-in', returnTo: '/work', bounce: true },
      ]);
      expect(assign).toHaveBeenCalledOnce();
    });

    it("is this tab's bounce: a page loaded again before its callback does not bounce again", async () => {
      const { vault, client } = await signedInPage();
      await answerLost(vault);
      await client.refresh('rejected-by-workfront', 1).catch(() => undefined);
      await client.refresh('rejected-by-workfront', 1).catch(() => undefined);
      expect(assign).toHaveBeenCalledOnce();

      // Workfront's error page, then Back: a new page in the same tab, whose (per-tab) vault
      // has no session. At most one bounce without a callback (SECURITY.md).
      const again = createStackVault({ kind: 'per-tab' });
      await expect(createClient(again).afterReload('/work')).resolves.toBe('ready');
      expect(again.requestsOf('begin-sign-in')).toEqual([]);
      expect(assign).toHaveBeenCalledOnce();
    });
  });
});

describe('send', () => {
  it("answers 'no-session' when signed out, without starting the vault", async () => {
    const vault = createStackVault();
    await expect(createClient(vault).send(apiRequest)).resolves.toBe('no-session');
    expect(vault.openVault).not.toHaveBeenCalled();
  });

  it('sends the request through the vault, with the caller’s signal, and returns its answer', async () => {
    const { vault, client } = await signedInPage();
    const signal = new AbortController().signal;

    const answer = await client.send(apiRequest, signal);

    // Workfront's answer, as the vault passes it on.
    expect(answer).toEqual({
      status: 200,
      retryAfter: null,
      headerNames: expect.arrayContaining(['content-type']) as string[],
      body: expect.stringMatching(/^\{"data":\[/) as string,
      credential: 1,
    });
    expect(vault.request).toHaveBeenLastCalledWith(
      { type: 'call-api', request: apiRequest },
      signal,
    );
    expect(vault.sentTo('api').map((request) => request.url)).toEqual([apiRequest.url]);
    expect(vault.requestsOf('refresh')).toEqual([]);
  });

  it("sends the token as RFC 6750's Bearer header when asked, for the instance check", async () => {
    const { vault, client } = await signedInPage();

    // Whatever this Workfront makes of it (the emulator refuses it by default) is the answer.
    await expect(client.send(apiRequest, undefined, true)).resolves.toMatchObject({ status: 401 });

    expect(vault.request).toHaveBeenLastCalledWith(
      { type: 'call-api', request: apiRequest, bearer: true },
      undefined,
    );
    const [sent] = vault.sentTo('api');
    expect(sent?.headers.get('Authorization')).toMatch(/^Bearer \S+$/);
    expect(sent?.headers.get('sessionID')).toBeNull();
  });

  it('refreshes first when the token has less than minimumValiditySeconds left', async () => {
    // A page loaded with a token about to expire, its timer not yet run.
    const { vault, client } = await signedInPage({
      ageMs: 120_000 - minimumValiditySeconds * 1000,
    });

    const answer = await client.send(apiRequest);

    expect(vault.requests().slice(-2)).toEqual([
      { type: 'refresh', reason: 'expiring', credential: 1 },
      { type: 'call-api', request: apiRequest },
    ]);
    expect(answer).toMatchObject({ status: 200, credential: 2 });
  });

  it('sends without refreshing while the token has more than minimumValiditySeconds left', async () => {
    const { vault, client } = await signedInPage({
      ageMs: 120_000 - minimumValiditySeconds * 1000 - 1,
    });
    await client.send(apiRequest);
    expect(vault.requestsOf('refresh')).toEqual([]);
  });

  it("answers 'no-session' when that refresh fails, and sends nothing", async () => {
    const { vault, client } = await signedInPage({ ageMs: 115_000 });
    await vault.fault({ target: 'token', count: 1, drop: true });

    await expect(client.send(apiRequest)).resolves.toBe('no-session');
    expect(vault.requestsOf('call-api')).toEqual([]);
    expect(vault.sentTo('api')).toEqual([]);
  });

  it("answers 'no-session' when the vault has no session any more", async () => {
    const { vault, client } = await signedInPage();
    // Signed out in the vault, its notice not yet here.
    vault.answer('call-api', () => fail({ kind: 'signed-out' }));
    await expect(client.send(apiRequest)).resolves.toBe('no-session');
  });

  it('rejects when the network fails, for the REST client to report', async () => {
    const { vault, client } = await signedInPage();
    await vault.fault({ target: 'api', count: 1, drop: true });
    await expect(client.send(apiRequest)).rejects.toBeInstanceOf(VaultError);
  });
});

describe('signOut', () => {
  it('signs this page out first, before the vault has answered', async () => {
    const { vault, client } = await signedInPage();
    const seen: unknown[] = [];
    client.subscribe(() => seen.push([client.getState(), window.localStorage.getItem(flagKey)]));

    const done = client.signOut();

    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(client.wasSignedIn()).toBe(false);
    expect(seen).toEqual([[{ status: 'signed-out', reason: 'signed-out' }, null]]);
    expect(heard(client).steps().at(-1)).toMatchObject({ type: 'signed-out', how: 'this-tab' });
    expect(vault.sentTo('revoke')).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.requestsOf('sign-out')).toEqual([{ type: 'sign-out', ended: false }]);

    await done;
    await vi.advanceTimersByTimeAsync(0);
    // The vault ended the API session and revoked the refresh token at Workfront.
    expect(vault.revoked()).toEqual([(await vault.pairs())[0]?.refresh]);
  });

  it('stops the expiry timer', async () => {
    const { vault, client } = await signedInPage({ lifetimeMs: 120_000 });
    await client.signOut();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(vault.requestsOf('refresh')).toEqual([]);
  });

  it('completes even when the vault fails', async () => {
    const { vault, client } = await signedInPage();
    vault.answer('sign-out', () => fail(networkDown));
    await expect(client.signOut()).resolves.toBeUndefined();
    expect(client.getState().status).toBe('signed-out');
  });

  it('ends the session, in the vault as well, when Workfront refused even a fresh token', async () => {
    const { vault, client } = await signedInPage();
    await client.sessionEnded();
    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'session-ended' });
    expect(vault.requestsOf('sign-out')).toEqual([{ type: 'sign-out', ended: true }]);
    expect(heard(client).steps().at(-1)).toMatchObject({
      type: 'signed-out',
      how: 'session-ended',
    });
  });
});

describe('the vault’s notices', () => {
  /** Another tab, on the same vault, signs out and closes. */
  async function signOutElsewhere(vault: StackVault) {
    const { connection } = vault.otherTab();
    await connection.request(connectRequest(settings));
    await connection.request({ type: 'sign-out', ended: false });
    await connection.request({ type: 'disconnect' });
  }

  it('sign this page out when another tab signs out', async () => {
    const { vault, client } = await signedInPage();
    await signOutElsewhere(vault);
    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(client.wasSignedIn()).toBe(false);
    expect(heard(client).steps().at(-1)).toMatchObject({ type: 'signed-out', how: 'other-tab' });
  });

  it('load the page again when a new vault never had its session', async () => {
    const { vault, client } = await signedInPage();
    // What a vault that started anew would say (see "the back/forward cache" for how one does).
    vault.tell({
      type: 'state',
      state: { status: 'signed-out', reason: 'none', tabs: 1, kind: 'shared' },
    });
    expect(reload).toHaveBeenCalledOnce();
    expect(client.getState().status).toBe('signed-in');
  });

  it('tell this page when the session ended', async () => {
    const { vault, client } = await signedInPage();
    // Workfront refuses the refresh token of another tab's refresh: the session ends everywhere.
    await vault.control('POST', '/sessions/revoke');
    await vault.refreshElsewhere(1).catch(() => undefined);
    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'session-ended' });
  });

  it("pass the vault's flow steps on to the observer", async () => {
    const { vault, client } = await signedInPage();
    const before = heard(client).step.mock.calls.length;
    await vault.refreshElsewhere(1);
    expect(heard(client).steps().at(-1)).toMatchObject({ type: 'refresh', rotated: true });
    expect(heard(client).step).toHaveBeenCalledTimes(before + 1);
  });

  it('say where the tokens live and how many tabs share them', async () => {
    const vault = createStackVault();
    const client = createClient(vault);
    expect(heard(client).vault).not.toHaveBeenCalled();

    client.preload();
    await vi.advanceTimersByTimeAsync(0);

    expect(heard(client).vault).toHaveBeenLastCalledWith({ kind: 'shared', tabs: 1, userId: null });
    expect(vault.openVault).toHaveBeenCalledOnce();
  });

  it("say who is signed in, by Workfront's ID, and no one once signed out", async () => {
    const { vault, client } = await signedInPage();
    const userId = await vault.userId();
    expect(userId).toMatch(/^[0-9a-f]{32}$/);
    expect(heard(client).vaultInfo()).toEqual({ kind: 'shared', tabs: 1, userId });
    await signOutElsewhere(vault);
    expect(heard(client).vaultInfo()).toEqual({ kind: 'shared', tabs: 1, userId: null });
  });
});

describe('the back/forward cache', () => {
  const pageEvent = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
    Object.assign(new Event(type), { persisted });

  it('leaves the vault on every pagehide: into the cache, or unloading (a reload, a close)', async () => {
    const { vault, listeners } = await signedInPage();
    listeners.get('pagehide')?.(pageEvent('pagehide', true));
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.requestsOf('disconnect')).toEqual([{ type: 'disconnect' }]);

    listeners.get('pagehide')?.(pageEvent('pagehide', false));
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.requestsOf('disconnect')).toEqual([
      { type: 'disconnect' },
      { type: 'disconnect' },
    ]);
  });

  it('signs out, back from the cache, when another tab signed out meanwhile', async () => {
    const { vault, client, listeners } = await signedInPage();
    window.localStorage.removeItem(flagKey);

    listeners.get('pageshow')?.(pageEvent('pageshow', true));
    await vi.advanceTimersByTimeAsync(0);

    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(heard(client).steps().at(-1)).toMatchObject({ type: 'signed-out', how: 'other-tab' });
    expect(vault.openVault).toHaveBeenCalledOnce();
  });

  it('opens the shared vault again, back from the cache, and keeps the session it holds', async () => {
    const { vault, client, listeners } = await signedInPage();
    const before = client.getState();

    listeners.get('pageshow')?.(pageEvent('pageshow', true));
    await vi.advanceTimersByTimeAsync(0);

    expect(vault.openVault).toHaveBeenCalledTimes(2);
    expect(vault.requestsOf('connect')).toHaveLength(2);
    // The same token: the expiry this page anchored stays.
    expect(client.getState()).toEqual(before);
    expect(reload).not.toHaveBeenCalled();
  });

  it('loads again, back from the cache, when the shared vault ended with the last other tab', async () => {
    const { vault, listeners } = await signedInPage();
    vault.restart();

    listeners.get('pageshow')?.(pageEvent('pageshow', true));
    await vi.advanceTimersByTimeAsync(0);

    // The new vault says it twice, as it tells every page of the one that joined and as it
    // answers it: each asks for the reload, the second one moot in a browser.
    expect(reload).toHaveBeenCalledTimes(2);
    expect(vault.requestsOf('connect')).toHaveLength(2);
  });

  it('rejoins its own per-tab vault, frozen with it, without starting another', async () => {
    const { vault, client, listeners } = await signedInPage({ kind: 'per-tab' });

    listeners.get('pageshow')?.(pageEvent('pageshow', true));
    await vi.advanceTimersByTimeAsync(0);

    expect(vault.openVault).toHaveBeenCalledOnce();
    expect(vault.requestsOf('connect')).toHaveLength(2);
    expect(client.getState().status).toBe('signed-in');
  });

  it('does nothing on a first show', async () => {
    const { vault, listeners } = await signedInPage();
    listeners.get('pageshow')?.(pageEvent('pageshow', false));
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.requestsOf('connect')).toHaveLength(1);
  });
});

describe('dispose', () => {
  /** What the page does when it is hidden and shown, goes offline and back, comes into view. */
  function livePage() {
    window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    window.dispatchEvent(new Event('online'));
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
  }

  it('ends every listener and timer the client started: none of them reaches the vault', async () => {
    const { vault, client } = await signedInPage();
    // The vault's own timers (its roll call of the tabs) are in this realm too: the count is
    // taken with the page's expiry timer set, and must lose it.
    await vi.advanceTimersByTimeAsync(0);
    const timersBefore = vi.getTimerCount();
    const asked = vault.requests().length;

    client.dispose();
    // The vault may still tell of a new token: no expiry timer is set for it.
    await vault.refreshElsewhere(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(timersBefore - 1);
    // Past the expiry timer's moment, the token stale: a timer or listener still there would
    // refresh, or leave the vault and come back to it.
    await vi.advanceTimersByTimeAsync(100_000);
    livePage();
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.requests().slice(asked)).toEqual([]);
    vi.restoreAllMocks();
  });

  it('keeps them all until then', async () => {
    const { vault, client } = await signedInPage();
    const asked = vault.requests().length;
    await vi.advanceTimersByTimeAsync(100_000);
    livePage();
    await vi.advanceTimersByTimeAsync(0);
    vi.restoreAllMocks();
    expect(
      vault
        .requests()
        .slice(asked)
        .map(({ type }) => type),
    ).toEqual(expect.arrayContaining(['disconnect', 'connect', 'refresh']));
    client.dispose();
  });
});
