/**
 * The silent sign-in after a reload. The page has no session of its own; the vault may still
 * hold one, for another tab. If not, the tab bounces through Workfront, whose own session makes
 * that a redirect with no prompt, and comes back to the same page. Tabs loaded together bounce
 * once between them (bounce-turn.ts), and a bounce that does not come back is not tried again.
 */
import type { AppConfig } from '../config/app-config';
import { bounceUnderWay, bounceWindowMs, forgetFailedBounce, takeBounceTurn } from './bounce-turn';
import {
  bounceMarker,
  sharedBounceMarker,
  signedInFlag,
  type CallbackOutcome,
} from './sign-in-storage';

export interface SilentSignInParts {
  config: Pick<AppConfig, 'clientId' | 'redirectPath'>;
  /** localStorage: the "was signed in" flag and the shared bounce marker. */
  flagStorage: Storage;
  /** sessionStorage: this tab's own bounce marker. */
  tabStorage: Storage;
  /** How the callback document's exchange went, when it loaded this page. */
  callbackOutcome: CallbackOutcome | undefined;
  /** Opens the vault and takes its state; rejects when it cannot start. */
  connect: () => Promise<unknown>;
  /** Asks the vault for its state now, and says whether it is signed in. */
  askVault: () => Promise<boolean>;
  /** The page's own auth state, as the vault last told it, and its changes. */
  signedIn: () => boolean;
  subscribe: (listener: () => void) => () => void;
  /** Sends the browser to Workfront's authorize endpoint, a bounce rather than the user's click. */
  signIn: (returnTo: string) => Promise<void>;
}

export function createSilentSignIn(parts: SilentSignInParts) {
  const { config, flagStorage, tabStorage } = parts;

  /**
   * Through Workfront by the app itself, not the user: marked, so that this tab never bounces
   * twice in a row without a callback between.
   */
  async function bounce(path: string) {
    tabStorage.setItem(bounceMarker, String(Date.now()));
    try {
      await parts.signIn(path);
    } catch (error) {
      tabStorage.removeItem(bounceMarker);
      throw error;
    }
  }

  /** A bounce, this tab's or another's, gone past its window without a callback failed for good. */
  function forgetFailedBounces() {
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

  /** Whether this page may bounce at all; opens the vault on the way. */
  async function mayBounce(route: string | undefined): Promise<boolean> {
    if (route === config.redirectPath || flagStorage.getItem(signedInFlag) === null) return false;
    try {
      await parts.connect();
    } catch {
      flagStorage.removeItem(signedInFlag);
      return false;
    }
    // Another tab's session, in the shared vault: no request to Workfront at all. The start page
    // never bounces: it is where a user goes when something is wrong. Nor does a tab whose
    // bounce has not come back (Workfront's error page, then Back).
    return !parts.signedIn() && route !== '/' && tabStorage.getItem(bounceMarker) === null;
  }

  async function afterReload(path: string): Promise<'ready' | 'bouncing'> {
    if (parts.callbackOutcome?.ok) {
      // The callback document signed in and loaded this page: the vault has the session.
      await parts.connect().catch(() => undefined);
      return 'ready';
    }
    forgetFailedBounces();
    if (!(await mayBounce(path.split(/[?#]/)[0]))) return 'ready';
    const turn = await takeBounceTurn({
      clientId: config.clientId,
      storage: flagStorage,
      signedIn: parts.askVault,
      seenSignedIn: parts.signedIn,
      subscribe: parts.subscribe,
    });
    if (turn !== 'bounce') return 'ready';
    try {
      await bounce(path);
      return 'bouncing';
    } catch {
      // Could not even start: the page shows the app signed out, and other tabs stop waiting.
      forgetFailedBounce(flagStorage);
      return 'ready';
    }
  }

  return { afterReload, bounce };
}
