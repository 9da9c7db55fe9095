/**
 * Which tab bounces through Workfront when pages load with the vault holding no session. Tabs
 * restored together (a browser restart, "reopen closed tabs") would each bounce and each
 * exchange a code. Instead one takes the turn: it writes the shared bounce marker, under a Web
 * Lock of this client so that no two tabs take it at once, and bounces. The others wait for the
 * session it brings into the shared vault, or, with per-tab vaults that cannot share one, for the
 * marker to clear, and then take their own turn. A bounce that does not come back within the
 * window (Workfront's error page, its sign-in page) stops every tab from bouncing.
 */
import { sharedBounceMarker, signedInFlag } from './sign-in-storage';

/** A bounce gone longer than this without a callback failed: Workfront did not send it back. */
export const bounceWindowMs = 30_000;

export interface BounceTurnOptions {
  clientId: string;
  /** localStorage: the shared bounce marker and the "was signed in" flag. */
  storage: Storage;
  /** Asks the vault: it answers in order, after any sign-in that a callback finished. */
  signedIn: () => Promise<boolean>;
  /** Calls `listener` whenever this page's auth state changes; returns the unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  /** This page's auth state, as the vault last told it. */
  seenSignedIn: () => boolean;
}

/**
 * `signed-in`: another tab's bounce brought the session. `bounce`: this tab's turn, the marker
 * is written. `give-up`: another tab's bounce failed, so this one shows the app signed out.
 */
export type BounceTurn = 'signed-in' | 'bounce' | 'give-up';

/** Runs `task` alone among this origin's tabs, where the browser has Web Locks. */
function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request(name, task);
  }
  return task();
}

/** When the bounce now under way began, if it began within the window. */
export function bounceUnderWay(storage: Storage): number | undefined {
  const startedAt = Number(storage.getItem(sharedBounceMarker) ?? NaN);
  return Date.now() - startedAt < bounceWindowMs ? startedAt : undefined;
}

/** A bounce that never came back: the next load shows the app signed out, and bounces no more. */
export function forgetFailedBounce(storage: Storage) {
  storage.removeItem(signedInFlag);
  storage.removeItem(sharedBounceMarker);
}

/** Resolves when the page signs in, the marker changes, or the bounce's window closes. */
function anotherTabsBounce(startedAt: number, options: BounceTurnOptions): Promise<void> {
  const { storage, seenSignedIn, subscribe } = options;
  return new Promise((resolve) => {
    const check = () => {
      if (seenSignedIn() || storage.getItem(sharedBounceMarker) !== String(startedAt)) done();
    };
    const unsubscribe = subscribe(check);
    window.addEventListener('storage', check);
    const deadline = setTimeout(done, startedAt + bounceWindowMs - Date.now());
    function done() {
      unsubscribe();
      window.removeEventListener('storage', check);
      clearTimeout(deadline);
      resolve();
    }
    check();
  });
}

export async function takeBounceTurn(options: BounceTurnOptions): Promise<BounceTurn> {
  const { storage, signedIn } = options;
  for (;;) {
    const turn = await exclusive(`workfront-bounce:${options.clientId}`, async () => {
      if (await signedIn()) return 'signed-in' as const;
      // The callback of a bounce that failed drops the flag: then no tab bounces after it.
      if (storage.getItem(signedInFlag) === null) return 'give-up' as const;
      const startedAt = bounceUnderWay(storage);
      if (startedAt !== undefined) return startedAt;
      storage.setItem(sharedBounceMarker, String(Date.now()));
      return 'bounce' as const;
    });
    if (typeof turn === 'string') return turn;
    await anotherTabsBounce(turn, options);
    if (await signedIn()) return 'signed-in';
    if (storage.getItem(sharedBounceMarker) === String(turn)) {
      // Its window closed with no callback: it failed for good, and no tab bounces after it.
      forgetFailedBounce(storage);
      return 'give-up';
    }
    // It came back, into a vault that is not this tab's: this tab's turn, after it.
  }
}
