/**
 * The sign-in, as the page sees it: begun here, by the user's click or by the app itself (a
 * bounce), it leaves for Workfront's authorize endpoint; the callback document finishes it, and
 * leaves how it went for the app it loads (sign-in-storage.ts).
 */
import type { AppConfig } from '../../config/app-config';
import { AuthProblemError } from '../auth-errors';
import type { AuthObserver } from './auth-observer';
import { safeReturnPath } from './return-path';
import { bounceMarker, keepPendingSignIn, type CallbackOutcome } from './sign-in-storage';
import type { VaultConnection } from './vault-connection';

export interface SignInOptions {
  config: AppConfig;
  origin: string;
  /** This tab's sessionStorage: the pending sign-in, and the mark of a bounce under way. */
  tabStorage: Storage;
  observer: AuthObserver;
  /** Runs a step with the vault; a vault failure comes as the problem the screens explain. */
  ask: <T>(step: (connection: VaultConnection) => Promise<T>) => Promise<T>;
}

export function createSignIn({ config, origin, tabStorage, observer, ask }: SignInOptions) {
  async function signIn(returnTo: string, bounce = false) {
    const started = await ask((open) =>
      open.request({ type: 'begin-sign-in', returnTo: safeReturnPath(returnTo, origin), bounce }),
    );
    // Checked again before the browser leaves with `state` and the challenge: the configured
    // endpoint (src/config/app-config.ts), whatever the vault answered.
    const endpoint = new URL(config.authorizationEndpoint);
    const leaving = URL.canParse(started.url) ? new URL(started.url) : undefined;
    if (leaving?.origin !== endpoint.origin || leaving.pathname !== endpoint.pathname) {
      throw new AuthProblemError({
        kind: 'unexpected',
        detail: `The sign-in would leave for ${started.url}, not ${config.authorizationEndpoint}.`,
      });
    }
    keepPendingSignIn(tabStorage, started.stateId, started.pendingSignIn);
    observer.step({ type: 'authorize', at: Date.now(), url: started.url });
    window.location.assign(started.url);
  }

  /**
   * Through Workfront by the app itself, not the user: marked, so that this tab never bounces
   * twice in a row without a callback between.
   */
  async function bounce(path: string) {
    tabStorage.setItem(bounceMarker, String(Date.now()));
    try {
      await signIn(path, true);
    } catch (error) {
      tabStorage.removeItem(bounceMarker);
      throw error;
    }
  }

  return { signIn: (returnTo: string) => signIn(returnTo), bounce };
}

/**
 * How the callback document's sign-in went, for the callback page it leaves for when it fails:
 * rejects with the problem, or `not-a-callback` when no callback came before.
 */
export function completeSignIn(outcome: CallbackOutcome | undefined): Promise<string> {
  if (!outcome) return Promise.reject(new AuthProblemError({ kind: 'not-a-callback' }));
  if (!outcome.ok) {
    return Promise.reject(new AuthProblemError(outcome.problem, outcome.afterBounce));
  }
  return Promise.resolve('/work');
}
