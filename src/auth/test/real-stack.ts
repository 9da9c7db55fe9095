/**
 * The real stack in one process, for the unit tests of src/auth: the Workfront emulator
 * (emulator/, the same app `npm run emulator` serves) answering the vault's `fetch` through
 * `app.fetch`, and the token vault's own host (vault-worker.ts) behind in-process ports, to
 * which pages connect as vault-connection.ts connects them to the worker. A test helper, not part
 * of the app: its name does not end in `.test.ts`, so Vitest does not collect it. Test files
 * under src/ may import the emulator's server and clock, and nothing else of it
 * (docs/architecture.md, "Who may import whom").
 *
 * Time: the emulator's clock reads `Date.now()` on each call, so under `vi.useFakeTimers()` it
 * moves with the test's clock; `emulator.clock.advance()` moves Workfront's alone.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { createClock } from '../../../emulator/src/clock.ts';
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../../emulator/src/server.ts';
import { connectTo, type VaultNotice } from '../page/vault-connection';
import type { PagePort } from '../vault/tab-roll';
import { createVaultHost } from '../vault/vault-worker';
import { VaultError } from '../vault-protocol';
import type {
  VaultEnvelope,
  VaultReplies,
  VaultKind,
  VaultMessage,
  VaultRequest,
  VaultRequestType,
  VaultSettings,
} from '../vault-protocol';

/** Where the emulator is, as far as the vault can tell: `fetch` never leaves the process. */
export const workfrontUrl = 'http://localhost:8787';
/** The app's origin: jsdom's, whose callback the emulator's demo app is told to allow. */
export const appOrigin = 'http://localhost:3000';
/** The emulator's seeded app and user (emulator/src/oauth/demo-app.ts, its seed data). */
export const clientId = 'wf-demo-spa';
export const demoUser = { email: 'demo@example.com', password: 'demo' };

/** The settings a page of the app at `appOrigin` connects with, on the emulator. */
export const stackSettings: VaultSettings = {
  clientId,
  workfrontUrl,
  authorizationEndpoint: `${workfrontUrl}/integrations/oauth2/authorize`,
  tokenEndpoint: `${workfrontUrl}/integrations/oauth2/api/v1/token`,
  revocationEndpoint: `${workfrontUrl}/integrations/oauth2/api/v1/revoke`,
  redirectUri: `${appOrigin}/callback`,
  scope: 'offline_access',
  // The app's own origin: nginx (and Vite's proxy) forward /attask to Workfront.
  apiBase: `${appOrigin}/attask/api/v20.0`,
  observe: true,
};

/** A call to Workfront's REST API under `stackSettings`. */
export const stackApiUrl = `${stackSettings.apiBase}/task/search?fields=name`;

/** What the emulator's fault switches take (emulator/src/http/faults.ts, POST /__emulator/faults). */
export interface Fault {
  target: 'authorize' | 'token' | 'revoke' | 'api';
  count: number;
  path?: string;
  status?: number;
  delayMs?: number;
  body?: 'malformed' | 'html' | 'empty' | 'errorEnvelope';
  retryAfterSeconds?: number;
  drop?: true;
  dropAfterProcessing?: true;
}

/** One request as the vault's host saw it, with the page that sent it. */
export interface SeenRequest {
  page: number;
  request: VaultRequest;
}

/**
 * The Node request a Hono handler reads its socket from: the fault switches drop a connection by
 * destroying it, and end a delay when it closes (the client went away).
 */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), {
    destroyed: false,
    destroy() {
      if (socket.destroyed) return;
      socket.destroyed = true;
      socket.emit('close');
    },
  });
  return socket;
}

/**
 * BroadcastChannel between the vaults of one stack, as a browser delivers it: to the others of
 * the same name, later. One class per stack: the vaults of earlier tests, still about in this
 * realm, hear nothing of this test's.
 */
function broadcastChannels() {
  const open = new Set<StackBroadcastChannel>();
  class StackBroadcastChannel {
    private listeners: ((event: MessageEvent) => void)[] = [];
    constructor(readonly name: string) {
      open.add(this);
    }
    addEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
      this.listeners.push(listener);
    }
    postMessage(data: unknown) {
      open.forEach((channel) => {
        if (channel === this || channel.name !== this.name) return;
        queueMicrotask(() => {
          channel.listeners.forEach((listener) => {
            listener(new MessageEvent('message', { data }));
          });
        });
      });
    }
    close() {
      open.delete(this);
    }
  }
  return StackBroadcastChannel;
}

/** A request as it left for Workfront, as the browser's network log shows it. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** An answer the network holds back until the test releases it. */
interface Hold {
  matches: (url: URL) => boolean;
  seen: () => void;
  answer: Promise<void>;
}

/** The part of Workfront a held answer comes from. */
const heldParts = {
  token: (url: URL) => url.pathname === '/integrations/oauth2/api/v1/token',
  api: (url: URL) => url.pathname.startsWith('/attask/'),
};

/**
 * `fetch` as the browser's would do it, but to `emulator.app.fetch`: requests to Workfront, and
 * to the app's `/attask` (its proxy to Workfront). A dropped connection fails as the browser's
 * fetch does (a TypeError), an aborted request rejects with its signal's reason, and anything
 * else fails as an unreachable host does. Each request is put in `sent`; an answer that a hold
 * matches waits for its release.
 */
function emulatorFetch(emulator: Emulator, sent: SentRequest[], holds: Hold[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const proxied = url.origin === appOrigin && url.pathname.startsWith('/attask/');
    if (url.origin !== workfrontUrl && !proxied) {
      throw new TypeError(`Failed to fetch ${request.url}`);
    }
    const { signal } = request;
    signal.throwIfAborted();
    const { method, headers } = request;
    // In the order the requests were made, their bodies as sent (the vault's are text or a form).
    const given = init?.body;
    const text =
      typeof given === 'string' || given instanceof URLSearchParams ? given.toString() : '';
    sent.push({ method, url: request.url, headers, body: text });
    const body = ['GET', 'HEAD'].includes(method) ? undefined : await request.arrayBuffer();
    const hold = holds.find((candidate) => candidate.matches(url));
    if (hold) holds.splice(holds.indexOf(hold), 1);
    const socket = fakeSocket();
    // Of Node's request, the fault switches read only its socket.
    const nodeRequest: object = { incoming: { socket } };
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => {
        socket.destroy();
        reject(signal.reason as Error);
      });
    });
    const answer = (async () => {
      const response = await emulator.app.fetch(
        new Request(`${workfrontUrl}${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.headers,
          ...(body === undefined ? {} : { body }),
        }),
        nodeRequest,
      );
      hold?.seen();
      await hold?.answer;
      return response;
    })();
    const response = await Promise.race([answer, aborted]);
    if (socket.destroyed) throw new TypeError('Failed to fetch');
    return response;
  };
}

/** Answers in the vault's place, by request type: a value, or a VaultError thrown. */
type Overrides = Map<VaultRequestType, (request: VaultRequest) => unknown>;

/**
 * A page's end of an in-process channel to `host`, and the host's end, as a MessagePort pair. A
 * request whose type `overrides` names is answered by it, and never reaches the host.
 */
function inProcessPorts(
  host: ReturnType<typeof createVaultHost>,
  seen: (request: VaultEnvelope) => void,
  overrides: Overrides,
) {
  const listeners: ((event: MessageEvent<VaultMessage>) => void)[] = [];
  let open = true;
  const pagePort: PagePort = {
    postMessage(message) {
      // Across postMessage, a message is a structured clone: nothing but data reaches the page.
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (!open) return;
        listeners.forEach((listener) => {
          listener(new MessageEvent('message', { data: copy }));
        });
      });
    },
  };
  const port = {
    postMessage(envelope: VaultEnvelope) {
      if (!open) return;
      if (envelope.type !== 'here') seen(envelope);
      const copy = structuredClone(envelope);
      const override = overrides.get(envelope.type);
      if (override) {
        void (async () => {
          try {
            const value = (await override(withoutId(copy))) as VaultReplies[VaultRequestType];
            pagePort.postMessage({ type: 'reply', id: copy.id, ok: true, value });
          } catch (error) {
            if (!(error instanceof VaultError)) throw error;
            pagePort.postMessage({ type: 'reply', id: copy.id, ok: false, failure: error.failure });
          }
        })();
        return;
      }
      queueMicrotask(() => void host.receive(pagePort, copy));
    },
    addEventListener(_type: 'message', listener: (event: MessageEvent<VaultMessage>) => void) {
      listeners.push(listener);
    },
  };
  return {
    port,
    /** The page is gone (closed, or reloaded with its `disconnect` lost): nothing more passes. */
    close: () => {
      open = false;
    },
  };
}

/** Drops the id the channel gives each request: what a page asked is its type and fields. */
function withoutId(envelope: VaultEnvelope): VaultRequest {
  const request: Partial<VaultEnvelope> = { ...envelope };
  delete request.id;
  return request as VaultRequest;
}

/**
 * Web Crypto's SHA-256 (the PKCE challenge, the flow log's fingerprints) runs off the thread: a
 * refresh that waits for one would finish after `vi.advanceTimersByTimeAsync()` returned, its
 * next timer set from a later moment, whenever the machine is busy. The same digest, computed at
 * once, keeps the vault's work within the fake moment that started it.
 */
function inStepWithFakeTimers() {
  const { subtle } = globalThis.crypto;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- only asked whether it is a mock
  if (vi.isMockFunction(subtle.digest)) return;
  const digest = subtle.digest.bind(subtle);
  vi.spyOn(subtle, 'digest').mockImplementation((algorithm, data) => {
    if (algorithm !== 'SHA-256') return digest(algorithm, data);
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    const hash = createHash('sha256').update(bytes).digest();
    return Promise.resolve(new Uint8Array(hash).buffer);
  });
}

export interface RealStackOptions {
  /** Emulator settings other than its defaults (emulator/src/settings.ts). */
  settings?: EmulatorOptions['settings'];
  /** Whether the demo app rotates refresh tokens (it does, as Workfront does by default). */
  rotateRefreshToken?: boolean;
  kind?: VaultKind;
}

/**
 * The emulator, with the callback of a page at `appOrigin` allowed, and a vault host of `kind`.
 * `fetch` and `BroadcastChannel` are stubbed for the test (vi.unstubAllGlobals() in afterEach
 * undoes it).
 */
export function createRealStack({
  settings,
  rotateRefreshToken,
  kind = 'shared',
}: RealStackOptions = {}) {
  const emulator = createEmulator({
    ...(settings ? { settings } : {}),
    ...(rotateRefreshToken === undefined ? {} : { demoApp: { rotateRefreshToken } }),
    // Read on every call: the test's fake clock, once it installs one.
    clock: createClock(() => Date.now()),
  });
  const sent: SentRequest[] = [];
  const holds: Hold[] = [];
  const fetchEmulator = emulatorFetch(emulator, sent, holds);
  vi.stubGlobal('fetch', fetchEmulator);
  const BroadcastChannel = broadcastChannels();
  vi.stubGlobal('BroadcastChannel', BroadcastChannel);
  inStepWithFakeTimers();

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetchEmulator(`${workfrontUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
    return response;
  };
  const control = (method: string, path: string, body?: unknown) =>
    call(method, `/__emulator${path}`, body);

  let host = createVaultHost(kind);
  let pages = 0;
  const requests: SeenRequest[] = [];
  const overrides: Overrides = new Map();
  const notified: ((notice: VaultNotice) => void)[] = [];
  const unloads: (() => void)[] = [];
  /** How many pages Workfront showed the user in the last authorize: 0, a redirect at once. */
  let prompts = 0;
  let redirectAllowed: Promise<unknown> | undefined;
  const allowRedirect = () =>
    (redirectAllowed ??= control('PATCH', `/apps/${clientId}`, {
      redirectUrls: [stackSettings.redirectUri],
    }));
  /** The browser's cookie for the emulator: its sign-in lasts across authorize requests. */
  let cookie: string | undefined;
  let signedInAs = demoUser;

  async function browse(path: string, form?: Record<string, string>) {
    const response = await fetchEmulator(`${workfrontUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    const [set] = response.headers.getSetCookie();
    if (set) cookie = set.split(';')[0];
    return response;
  }

  const stack = {
    emulator,
    /**
     * The `openVault` of createAuthClient, and of the callback document, on this stack: what its
     * pages ask is recorded (`requests`, and `request` with its signal).
     */
    openVault: vi.fn((_clientId: string, onNotice: (notice: VaultNotice) => void) => {
      const page = ++pages;
      const { port, close } = inProcessPorts(
        host,
        (envelope) => {
          requests.push({ page, request: withoutId(envelope) });
        },
        overrides,
      );
      notified.push(onNotice);
      unloads.push(() => {
        port.postMessage({ type: 'disconnect', id: 0 });
        close();
      });
      const connection = connectTo(port, kind, onNotice);
      const request = connection.request.bind(connection);
      connection.request = (message, signal) => {
        stack.request(message, signal);
        return request(message, signal);
      };
      return connection;
    }),
    /**
     * A notice to every page of `openVault`, as if from the vault, for one it cannot be made to
     * send on cue.
     */
    tell(notice: VaultNotice) {
      notified.forEach((onNotice) => {
        onNotice(structuredClone(notice));
      });
    },
    /**
     * The pages of `openVault` go (they navigate to Workfront, or close): each says `disconnect`,
     * as on pagehide, and hears nothing more.
     */
    unloadPages() {
      unloads.splice(0).forEach((unload) => {
        unload();
      });
    },
    /** How many pages (sign-in, consent) Workfront showed in the last authorize. */
    prompts: () => prompts,
    /**
     * Workfront's answer to a refresh with `refreshToken`, asked as any client could: asking
     * spends the token, if Workfront takes it.
     */
    redeem: (refreshToken: string) =>
      fetchEmulator(stackSettings.tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: clientId,
          refresh_token: refreshToken,
        }),
      }),
    /** Each request a page of `openVault` made, with its signal. */
    request: vi.fn<(request: VaultRequest, signal?: AbortSignal) => void>(),
    /**
     * Another tab of the browser, on the same vault (a shared one): what it asks is not among
     * `requests`, and what the vault tells it, it keeps.
     */
    otherTab() {
      const notices: VaultNotice[] = [];
      const { port } = inProcessPorts(host, () => undefined, new Map());
      const connection = connectTo(port, kind, (notice) => notices.push(notice));
      return { connection, notices };
    },
    /**
     * From now on the answer to every request of this type, for what the real stack cannot be
     * made to do on cue: the channel answers in the vault's place, and the vault never hears it.
     */
    answer<T extends VaultRequestType>(
      type: T,
      reply: (request: Extract<VaultRequest, { type: T }>) => unknown,
    ) {
      overrides.set(type, reply as (request: VaultRequest) => unknown);
    },
    /** Every request the pages sent the vault, in order (the roll calls' answers left out). */
    requests: () => requests.map(({ request }) => request),
    requestsOf<T extends VaultRequestType>(type: T) {
      return requests
        .map(({ request }) => request)
        .filter((message): message is Extract<VaultRequest, { type: T }> => message.type === type);
    },
    /** The emulator's control API (/__emulator): settings, faults, sessions, its log. */
    control,
    /** Every request sent to Workfront, the control API's and the authorize page's included. */
    sent,
    /** The requests the vault sent to Workfront's token or revoke endpoint, or its API. */
    sentTo(part: 'token' | 'revoke' | 'api') {
      const paths = { token: '/api/v1/token', revoke: '/api/v1/revoke', api: '/attask/' };
      return sent.filter((request) => new URL(request.url).pathname.includes(paths[part]));
    },
    /**
     * The next request to the token endpoint, or the API, is handled at once, but its answer
     * waits for `release`: a request in flight, as long as the test needs.
     */
    hold(part: keyof typeof heldParts) {
      let seen!: () => void;
      let release!: () => void;
      const wasSeen = new Promise<void>((resolve) => {
        seen = resolve;
      });
      const answer = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ matches: heldParts[part], seen, answer });
      return { seen: wasSeen, release };
    },
    /** The next `count` requests to `target` are answered so (emulator/src/http/faults.ts). */
    fault: (plan: Fault) => control('POST', '/faults', plan),
    /** Every token the emulator issued, in order. */
    async issued() {
      const response = await control('GET', '/issued-tokens');
      return (await response.json()) as { accessTokens: string[]; refreshTokens: string[] };
    },
    /**
     * The user at Workfront's authorize page (the demo user, unless another is named): signs in
     * and allows the app the first time, and returns where Workfront sends the browser back (the
     * callback URL, with its code).
     */
    async authorize(authorizeUrl: string, user = demoUser): Promise<string> {
      await allowRedirect();
      // Another user signs in at Workfront in a browser of their own.
      if (user !== signedInAs) cookie = undefined;
      signedInAs = user;
      const { pathname, search } = new URL(authorizeUrl);
      prompts = 0;
      let response = await browse(`${pathname}${search}`);
      if (response.status === 200) {
        prompts += 1;
        response = await browse(`/integrations/oauth2/login${search}`, user);
        response = await browse(response.headers.get('location') ?? '');
      }
      if (response.status === 200) {
        prompts += 1;
        response = await browse(`/integrations/oauth2/consent${search}`, { decision: 'allow' });
      }
      const location = response.headers.get('location');
      if (!location?.startsWith(stackSettings.redirectUri)) {
        throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
      }
      return location;
    },
    /** The vaults' BroadcastChannel, of this stack alone. */
    BroadcastChannel,
    /** The vault's host, for a test that talks to it as a page's port would. */
    get host() {
      return host;
    },
    /** The tokens the emulator issued, by pair: a sign-in's, then each refresh's. */
    async pairs() {
      const { accessTokens, refreshTokens } = await stack.issued();
      return accessTokens.map((access, index) => ({ access, refresh: refreshTokens[index] }));
    },
    /** The refresh tokens the vault revoked, in order. */
    revoked: () =>
      stack
        .sentTo('revoke')
        .map((request) => (JSON.parse(request.body) as { refresh_token: string }).refresh_token),
    /** A new vault in place of the old one (the last tab of a shared one went): no session. */
    restart() {
      host = createVaultHost(kind);
    },
  };
  return stack;
}

export type RealStack = ReturnType<typeof createRealStack>;
