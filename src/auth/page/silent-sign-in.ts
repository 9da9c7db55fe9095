/**
 * The silent sign-in: what a page does when it loads with no session of its own. The vault may
 * hold one, for another tab; if not, and this browser was signed in, it bounces through
 * Workfront, whose own session makes that a redirect with no prompt. Else the start page.
 */
import type { AppConfig } from '../../config/app-config';
import { bounceUnderWay, bounceWindowMs, forgetFailedBounce, takeBounceTurn } from './bounce-turn';
import type { SessionStore } from './session-store';
import {
  bounceMarker,
  sharedBounceMarker,
  signedInFlag,
  type CallbackOutcome,
} from './sign-in-storage';

export interface SilentSignInOptions {
  config: AppConfig;
  flagStorage: Storage;
  tabStorage: Storage;
  /** How the callback document's exchange went, when it loaded this page. */
  callbackOutcome: CallbackOutcome | undefined;
  store: SessionStore;
  /** Opens the vault, once: the state it answers with applied; rejects when it cannot start. */
  open: () => Promise<unknown>;
  /** Asks the vault for its state now: it answers after any sign-in it finished before. */
  askState: () => Promise<void>;
  bounce: (path: string) => Promise<void>;
}

/** A bounce, this tab's or another's, gone past its window without a callback failed for good. */
function forgetFailedBounces(flagStorage: Storage, tabStorage: Storage) {
  const bouncedAt = Number(tabStorage.getItem(bounceMarker) ?? NaN);
  if (Date.now() - bouncedAt > bounceWindowMs) {
    flagStorage.removeItem(signedInFlag);
    tabStorage.removeItem(bounceMarker);
  }
  if (
    flagStorage.getItem(sharedBounceMarker) !== null &&
    bounceUnderWay(flagStorage) === undefined
  ) {
    forgetFailedBounce(flagStorage);
  }
}

/** `bouncing`: the page is leaving for Workfront; `ready`: render it, signed in or not. */
export async function silentSignIn(
  path: string,
  options: SilentSignInOptions,
): Promise<'ready' | 'bouncing'> {
  const { config, flagStorage, tabStorage, store, open } = options;
  if (options.callbackOutcome?.ok) {
    // The callback document signed in and loaded this page: the vault has the session.
    await open().catch(() => undefined);
    return 'ready';
  }
  forgetFailedBounces(flagStorage, tabStorage);
  const route = path.split(/[?#]/)[0];
  if (route === config.redirectPath || flagStorage.getItem(signedInFlag) === null) return 'ready';
  try {
    await open();
  } catch {
    flagStorage.removeItem(signedInFlag);
    return 'ready';
  }
  const signedIn = () => store.state().status === 'signed-in';
  // Another tab's session, in the shared vault: no request to Workfront at all.
  if (signedIn()) return 'ready';
  // The start page never bounces: it is where a user goes when something is wrong. Nor does
  // a tab whose bounce has not come back (Workfront's error page, then Back).
  if (route === '/' || tabStorage.getItem(bounceMarker) !== null) return 'ready';
  // Tabs restored together bounce once between them (bounce-turn.ts).
  const turn = await takeBounceTurn({
    clientId: config.clientId,
    storage: flagStorage,
    signedIn: () => options.askState().then(signedIn),
    seenSignedIn: signedIn,
    subscribe: store.subscribe,
  });
  if (turn !== 'bounce') return 'ready';
  try {
    await options.bounce(path);
    return 'bouncing';
  } catch {
    // Could not even start: the page shows the app signed out, and other tabs stop waiting.
    forgetFailedBounce(flagStorage);
    return 'ready';
  }
}
