import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowEvent } from '../flow-events';
import { settings } from '../test/vault-fixtures';
import { connectTo, type VaultNotice, type VaultPort } from './vault-connection';
import {
  connectRequest,
  VaultError,
  type VaultEnvelope,
  type VaultMessage,
  type VaultState,
} from '../vault-protocol';

/** The page's end of a channel, with the vault's end in the test's hands. */
function fakePort() {
  let listener: ((event: MessageEvent<VaultMessage>) => void) | undefined;
  const posted: VaultEnvelope[] = [];
  const port: VaultPort = {
    postMessage: (message) => {
      posted.push(message);
    },
    addEventListener: (_type, added) => {
      listener = added;
    },
  };
  return {
    port,
    posted,
    /** What the vault sends the page. */
    deliver: (message: VaultMessage) => {
      listener?.(new MessageEvent('message', { data: message }));
    },
  };
}

const signedIn: VaultState = {
  status: 'signed-in',
  expiresInMs: 3_600_000,
  credential: 1,
  userId: null,
  tabs: 1,
  kind: 'shared',
};
const signedOut: VaultState = { status: 'signed-out', reason: 'none', tabs: 1, kind: 'shared' };

const call = {
  type: 'call-api',
  request: { method: 'GET', url: 'http://localhost:3000/attask/api/v20.0/user/search' },
} as const;

const answer = {
  status: 200,
  retryAfter: null,
  headerNames: ['content-type'],
  body: '{"data":[]}',
  credential: 1,
};

/** Settles, or not, by the time queued microtasks have run. */
async function settled(promise: Promise<unknown>) {
  const outcome = await Promise.race([
    promise.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise((resolve) => setTimeout(resolve, 0)).then(() => 'pending'),
  ]);
  return outcome;
}

describe('connectTo', () => {
  it('says which kind of vault it talks to', () => {
    expect(connectTo(fakePort().port, 'per-tab', vi.fn()).kind).toBe('per-tab');
  });

  it('sends each request with an id of its own', () => {
    const { port, posted } = fakePort();
    const connection = connectTo(port, 'shared', vi.fn());

    void connection.request(connectRequest(settings));
    void connection.request(call);

    expect(posted).toEqual([
      { ...connectRequest(settings), id: 1 },
      { ...call, id: 2 },
    ]);
  });

  it('resolves each request with the reply of its id, whatever order they come in', async () => {
    const { port, posted, deliver } = fakePort();
    const connection = connectTo(port, 'shared', vi.fn());

    const connecting = connection.request(connectRequest(settings));
    const calling = connection.request(call);
    const [first, second] = posted;
    deliver({ type: 'reply', id: second?.id ?? 0, ok: true, value: answer });
    deliver({ type: 'reply', id: first?.id ?? 0, ok: true, value: signedIn });

    await expect(calling).resolves.toEqual(answer);
    await expect(connecting).resolves.toEqual(signedIn);
  });

  it('rejects a request whose reply is a failure with a VaultError carrying it', async () => {
    const { port, deliver } = fakePort();
    const connection = connectTo(port, 'shared', vi.fn());

    const refreshing = connection.request({ type: 'refresh', reason: 'manual', credential: 1 });
    deliver({ type: 'reply', id: 1, ok: false, failure: { kind: 'bounce' } });

    const error: unknown = await refreshing.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).failure).toEqual({ kind: 'bounce' });
  });

  it('leaves a request waiting until its own reply comes, and takes only the first reply', async () => {
    const { port, deliver } = fakePort();
    const connection = connectTo(port, 'shared', vi.fn());

    const calling = connection.request(call);
    deliver({ type: 'reply', id: 99, ok: true, value: null });
    expect(await settled(calling)).toBe('pending');

    deliver({ type: 'reply', id: 1, ok: true, value: answer });
    deliver({ type: 'reply', id: 1, ok: false, failure: { kind: 'cancelled' } });
    await expect(calling).resolves.toEqual(answer);
  });

  it('passes state and flow notices on, and never takes one for a reply', async () => {
    const { port, deliver } = fakePort();
    const notices: VaultNotice[] = [];
    const connection = connectTo(port, 'shared', (notice) => notices.push(notice));
    const event: FlowEvent = { type: 'signed-out', at: 5, how: 'other-tab' };

    const connecting = connection.request(connectRequest(settings));
    deliver({ type: 'state', state: signedOut });
    deliver({ type: 'flow', event });
    expect(await settled(connecting)).toBe('pending');
    deliver({ type: 'reply', id: 1, ok: true, value: signedIn });

    await expect(connecting).resolves.toEqual(signedIn);
    expect(notices).toEqual([
      { type: 'state', state: signedOut },
      { type: 'flow', event },
    ]);
  });

  it('answers the vault’s roll call at once, and passes it on to no one', () => {
    const { port, posted, deliver } = fakePort();
    const onNotice = vi.fn();
    connectTo(port, 'shared', onNotice);
    deliver({ type: 'roll-call' });
    expect(posted).toEqual([{ type: 'here', id: 0 }]);
    // The vault's reply to the answer (id 0) resolves nothing either.
    deliver({ type: 'reply', id: 0, ok: true, value: null });
    expect(onNotice).not.toHaveBeenCalled();
  });

  it('hands a reply to no one as a notice', () => {
    const { port, deliver } = fakePort();
    const onNotice = vi.fn();
    connectTo(port, 'shared', onNotice);
    deliver({ type: 'reply', id: 7, ok: true, value: null });
    expect(onNotice).not.toHaveBeenCalled();
  });

  describe('aborting', () => {
    it('rejects with the reason at once and asks the vault to cancel the call', async () => {
      const { port, posted, deliver } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const controller = new AbortController();

      const calling = connection.request(call, controller.signal);
      const reason = new DOMException('Gave up', 'AbortError');
      controller.abort(reason);

      await expect(calling).rejects.toBe(reason);
      expect(posted).toEqual([
        { ...call, id: 1 },
        { type: 'cancel', call: 1, id: 2 },
      ]);
      // The vault's answers come all the same, and change nothing.
      deliver({ type: 'reply', id: 1, ok: true, value: answer });
      deliver({ type: 'reply', id: 2, ok: true, value: null });
    });

    it('sends nothing for a signal aborted already', async () => {
      const { port, posted } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const controller = new AbortController();
      controller.abort();

      const error: unknown = await connection
        .request(call, controller.signal)
        .catch((e: unknown) => e);

      expect((error as Error).name).toBe('AbortError');
      expect(posted).toEqual([]);
    });

    it('rejects with a timeout signal’s own reason', async () => {
      const { port } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const error: unknown = await connection
        .request(call, AbortSignal.timeout(5))
        .catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
    });

    it('cancels nothing once the reply has come', async () => {
      const { port, posted, deliver } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const controller = new AbortController();

      const calling = connection.request(call, controller.signal);
      deliver({ type: 'reply', id: 1, ok: true, value: answer });
      await expect(calling).resolves.toEqual(answer);
      controller.abort();

      expect(posted.map((message) => message.type)).toEqual(['call-api']);
    });

    it('cancels only the aborted call: the others get their replies', async () => {
      const { port, posted, deliver } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const controller = new AbortController();

      const aborted = connection.request(call, controller.signal);
      const other = connection.request(call);
      controller.abort();
      await expect(aborted).rejects.toThrow();
      deliver({ type: 'reply', id: 2, ok: true, value: answer });

      await expect(other).resolves.toEqual(answer);
      expect(posted.at(-1)).toEqual({ type: 'cancel', call: 1, id: 3 });
    });
  });

  describe('fail', () => {
    it('rejects every waiting request with the failure', async () => {
      const { port } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const failure = { kind: 'network', detail: 'The token vault could not start.' } as const;

      const waiting = [connection.request(connectRequest(settings)), connection.request(call)].map(
        (promise) => promise.catch((error: unknown) => error),
      );
      connection.fail(failure);

      for (const error of await Promise.all(waiting)) {
        expect(error).toBeInstanceOf(VaultError);
        expect((error as VaultError).failure).toEqual(failure);
      }
    });

    it('rejects every later request with it too, sending nothing', async () => {
      const { port, posted } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      connection.fail({ kind: 'network', detail: 'gone' });

      const error: unknown = await connection.request(call).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).failure).toEqual({ kind: 'network', detail: 'gone' });
      expect(posted).toEqual([]);
    });

    it('ignores replies that come after it', async () => {
      const { port, deliver } = fakePort();
      const connection = connectTo(port, 'shared', vi.fn());
      const calling = connection.request(call).catch((error: unknown) => error);
      connection.fail({ kind: 'network', detail: 'gone' });
      deliver({ type: 'reply', id: 1, ok: true, value: answer });
      expect(await calling).toBeInstanceOf(VaultError);
    });
  });
});

describe('openVault', () => {
  /** A worker as the page sees it; each records how it was started. */
  class FakeWorker extends EventTarget {
    static started: { url: unknown; options: WorkerOptions | undefined; worker: FakeWorker }[] = [];
    readonly port = Object.assign(new EventTarget(), { start: vi.fn(), postMessage: vi.fn() });
    postMessage = vi.fn();
    constructor(url: unknown, options?: WorkerOptions) {
      super();
      FakeWorker.started.push({ url, options, worker: this });
    }
  }

  beforeEach(() => {
    FakeWorker.started = [];
    vi.resetModules();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function load() {
    return import('./vault-connection');
  }

  it('starts a SharedWorker named for the client, as a module, and starts its port', async () => {
    vi.stubGlobal('SharedWorker', FakeWorker);
    const { openVault } = await load();

    const connection = openVault('wf-demo-spa', vi.fn());

    expect(connection.kind).toBe('shared');
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]?.options).toEqual({
      type: 'module',
      name: 'workfront-token-vault:wf-demo-spa',
    });
    expect(FakeWorker.started[0]?.worker.port.start).toHaveBeenCalledOnce();
  });

  it('falls back to a Worker per tab where there is no SharedWorker', async () => {
    vi.stubGlobal('SharedWorker', undefined);
    vi.stubGlobal('Worker', FakeWorker);
    const { openVault } = await load();

    const connection = openVault('spa', vi.fn());

    expect(connection.kind).toBe('per-tab');
    expect(FakeWorker.started[0]?.options).toEqual({
      type: 'module',
      name: 'workfront-token-vault:spa',
    });
  });

  it('fails every request, waiting or later, when the worker cannot start', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('SharedWorker', undefined);
    const { openVault } = await load();

    const connection = openVault('spa', vi.fn());
    const waiting = connection.request(call).catch((error: unknown) => error);
    FakeWorker.started[0]?.worker.dispatchEvent(new Event('error'));

    expect(((await waiting) as VaultError).failure.kind).toBe('network');
    const later: unknown = await connection.request(call).catch((error: unknown) => error);
    expect((later as VaultError).failure.kind).toBe('network');
  });

  it('starts the worker through the workfront-vault Trusted Types policy, for its own script only', async () => {
    vi.stubGlobal('SharedWorker', FakeWorker);
    const createPolicy = vi.fn(
      (_name: string, rules: { createScriptURL: (url: string) => string }) => ({
        createScriptURL: (url: string) => ({ trusted: rules.createScriptURL(url) }),
      }),
    );
    vi.stubGlobal('trustedTypes', { createPolicy });
    const { openVault } = await load();

    openVault('spa', vi.fn());
    openVault('spa', vi.fn());

    // One policy, made once: a second would be refused by the browser under CSP.
    expect(createPolicy).toHaveBeenCalledOnce();
    expect(createPolicy.mock.calls[0]?.[0]).toBe('workfront-vault');
    const scriptUrl = (FakeWorker.started[0]?.url as { trusted: string }).trusted;
    expect(typeof scriptUrl).toBe('string');
    expect(FakeWorker.started[1]?.url).toBe(FakeWorker.started[0]?.url);
    const rules = createPolicy.mock.calls[0]?.[1];
    expect(rules?.createScriptURL(scriptUrl)).toBe(scriptUrl);
    expect(() => rules?.createScriptURL('https://evil.example/steal.js')).toThrow(TypeError);
  });
});
