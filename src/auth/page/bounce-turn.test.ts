import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bounceWindowMs, takeBounceTurn, type BounceTurnOptions } from './bounce-turn';
import { sharedBounceMarker, signedInFlag } from './sign-in-storage';

/** Web Locks as a browser grants them: one holder of a name at a time, in the order asked. */
function fakeLocks() {
  const queues = new Map<string, Promise<unknown>>();
  return {
    request(name: string, task: () => Promise<unknown>) {
      const before = queues.get(name) ?? Promise.resolve();
      const run = before.then(task, task);
      queues.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/** One tab: what its vault holds (`vaultSignedIn`), and what it was last told. */
function tab(vault: { signedIn: boolean }) {
  let seen = false;
  const listeners = new Set<() => void>();
  const options: BounceTurnOptions = {
    clientId: 'client',
    storage: window.localStorage,
    signedIn: () => {
      seen = vault.signedIn;
      return Promise.resolve(seen);
    },
    seenSignedIn: () => seen,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    turn: () => takeBounceTurn(options),
    /** The vault told this tab its state, unasked. */
    told() {
      seen = vault.signedIn;
      listeners.forEach((listener) => {
        listener();
      });
    },
  };
}

/** Another tab changed localStorage: this one hears of it by a storage event. */
function otherTabWrote(change: () => void) {
  change();
  window.dispatchEvent(new StorageEvent('storage'));
}

/** Whether `promise` settles once every task queued now has run. */
const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

beforeEach(() => {
  Object.defineProperty(navigator, 'locks', { value: fakeLocks(), configurable: true });
  window.localStorage.setItem(signedInFlag, '1');
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'locks');
  vi.useRealTimers();
  window.localStorage.clear();
});

describe('the bounce after a reload, among tabs', () => {
  it('is this tab’s when no other bounces, and is marked for the others', async () => {
    expect(await tab({ signedIn: false }).turn()).toBe('bounce');
    expect(Number(window.localStorage.getItem(sharedBounceMarker))).toBeCloseTo(Date.now(), -3);
  });

  it('is nobody’s when the vault holds a session by the time the lock is held', async () => {
    expect(await tab({ signedIn: true }).turn()).toBe('signed-in');
    expect(window.localStorage.getItem(sharedBounceMarker)).toBeNull();
  });

  it('is one tab’s of four restored at once; the others find the session it brings to the shared vault', async () => {
    const shared = { signedIn: false };
    const tabs = [1, 2, 3, 4].map(() => tab(shared));
    const turns = tabs.map((one) => one.turn());
    expect(await turns[0]).toBe('bounce');
    expect(await settled(Promise.race(turns.slice(1)))).toBe(false);

    // The first tab's callback exchanged the code into the vault, which tells every tab.
    shared.signedIn = true;
    tabs.forEach((one) => {
      one.told();
    });
    otherTabWrote(() => {
      window.localStorage.removeItem(sharedBounceMarker);
    });
    expect(await Promise.all(turns.slice(1))).toEqual(['signed-in', 'signed-in', 'signed-in']);
  });

  it('asks the vault again before taking a turn: a marker cleared before the vault’s notice came is not a turn', async () => {
    const shared = { signedIn: false };
    const [first, second] = [tab(shared), tab(shared)];
    expect(await first.turn()).toBe('bounce');
    const waiting = second.turn();
    shared.signedIn = true; // in the vault, but not told to the second tab yet
    otherTabWrote(() => {
      window.localStorage.removeItem(sharedBounceMarker);
    });
    expect(await waiting).toBe('signed-in');
  });

  it('is taken in turn by per-tab vaults, which cannot share one session', async () => {
    const [first, second] = [tab({ signedIn: false }), tab({ signedIn: false })];
    expect(await first.turn()).toBe('bounce');
    const waiting = second.turn();
    expect(await settled(waiting)).toBe(false);
    otherTabWrote(() => {
      window.localStorage.removeItem(sharedBounceMarker);
    });
    expect(await waiting).toBe('bounce');
    expect(window.localStorage.getItem(sharedBounceMarker)).not.toBeNull();
  });

  it('is given up by the tabs that waited when the bounce came back with a failure', async () => {
    const [first, second] = [tab({ signedIn: false }), tab({ signedIn: false })];
    await first.turn();
    const waiting = second.turn();
    otherTabWrote(() => {
      window.localStorage.removeItem(signedInFlag);
      window.localStorage.removeItem(sharedBounceMarker);
    });
    expect(await waiting).toBe('give-up');
  });

  it('is given up, by this tab and the next ones, when the bounce does not come back within its window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const [first, second] = [tab({ signedIn: false }), tab({ signedIn: false })];
    await first.turn();
    const waiting = second.turn();
    await vi.advanceTimersByTimeAsync(bounceWindowMs);
    expect(await waiting).toBe('give-up');
    expect(window.localStorage.getItem(signedInFlag)).toBeNull();
    expect(window.localStorage.getItem(sharedBounceMarker)).toBeNull();
  });

  it('does not wait for a marker older than the window: that bounce is long over', async () => {
    window.localStorage.setItem(sharedBounceMarker, String(Date.now() - bounceWindowMs - 1));
    expect(await tab({ signedIn: false }).turn()).toBe('bounce');
  });
});
