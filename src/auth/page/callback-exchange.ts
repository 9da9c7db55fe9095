/**
 * The redirect back from Workfront, finished: the callback checked, the pending sign-in of this
 * tab taken, and the code handed to the vault, which exchanges it and keeps the tokens. Runs in
 * the callback document (callback-document.ts) before any other script of the app.
 */
import { AuthProblemError } from '../auth-errors';
import { checkCallbackUrl } from './callback-url';
import { maskCode, type FlowEvent } from '../flow-events';
import { safeReturnPath } from './return-path';
import {
  bounceMarker,
  keepCallbackOutcome,
  pendingStates,
  sharedBounceMarker,
  signedInFlag,
  takePendingSignIn,
} from './sign-in-storage';
import { authError, type VaultConnection } from './vault-connection';
import { VaultError } from '../vault-protocol';

export interface CallbackExchange {
  /** This tab's sessionStorage, where the pending sign-in waited. */
  storage: Storage;
  /** localStorage, with the "was signed in" flag and the shared bounce marker. */
  flagStorage: Storage;
  /** Loads the configuration and opens the vault with it. */
  open: () => Promise<{ stateEcho: boolean; observe: boolean; vault: VaultConnection }>;
  /**
   * The flow's steps, where config.json turns the inspector on: this document's and the vault's,
   * kept with the outcome for the app's observer (AuthClientOptions.observer).
   */
  steps: FlowEvent[];
  origin: string;
}

/**
 * How long a sign-in may wait for a callback that has no `state` to match it by: Workfront's codes
 * live two minutes, a sign-in at its login page a few more. An older one is no longer this tab's.
 */
export const stateLessWindowMs = 10 * 60_000;

/** When oidc-client-ts made the pending sign-in (its `created`, in seconds), in milliseconds. */
function createdAt(pending: string): number {
  try {
    const { created } = JSON.parse(pending) as { created?: unknown };
    return typeof created === 'number' ? created * 1000 : 0;
  } catch {
    return 0;
  }
}

/** The verifier goes to Workfront with the code now, so it is spent: an observer may show it. */
function pkceVerifier(pending: string): string | undefined {
  try {
    const { code_verifier: verifier } = JSON.parse(pending) as { code_verifier?: unknown };
    return typeof verifier === 'string' ? verifier : undefined;
  } catch {
    return undefined;
  }
}

/** Exchanges the callback at `href` into the vault; resolves to the path to go to next. */
export async function exchangeCallback(href: string, exchange: CallbackExchange): Promise<string> {
  const { storage } = exchange;
  try {
    const { stateEcho, observe, vault } = await exchange.open();
    // The flow's steps, only where config.json turns the inspector on.
    const steps = observe ? exchange.steps : undefined;
    // Matching a callback without `state` to this tab's sign-in only where config.json says the
    // instance does not echo it: elsewhere a missing state means the answer was tampered with.
    const checked = checkCallbackUrl(href, stateEcho ? [] : pendingStates(storage));
    if (!checked.ok) {
      throw new AuthProblemError(
        checked.problem === 'not-a-callback'
          ? { kind: 'not-a-callback' }
          : { kind: 'state-mismatch', detail: checked.problem },
      );
    }
    const state = new URL(checked.url).searchParams.get('state') ?? '';
    steps?.push({
      type: 'callback',
      at: Date.now(),
      state,
      params: [...new URL(href).searchParams].map(([name, value]) => [
        name,
        name === 'code' ? maskCode(value) : value,
      ]),
    });
    const pending = takePendingSignIn(storage, state);
    if (pending === null) {
      throw new AuthProblemError({ kind: 'state-mismatch', detail: 'unknown-state' });
    }
    const matchedWithoutState = checked.url !== href;
    if (matchedWithoutState && Date.now() - createdAt(pending) > stateLessWindowMs) {
      throw new AuthProblemError({ kind: 'state-mismatch', detail: 'expired' });
    }
    const verifier = steps && pkceVerifier(pending);
    if (verifier) steps.push({ type: 'pkce-proof', at: Date.now(), verifier });
    const finished = await vault.request({
      type: 'finish-sign-in',
      url: checked.url,
      pendingSignIn: pending,
    });
    return safeReturnPath(finished.returnTo, exchange.origin);
  } catch (error) {
    throw error instanceof VaultError ? authError(error.failure) : error;
  }
}

/**
 * Finishes the callback at `href` and keeps how it went for the app (sign-in-storage.ts):
 * resolves to the path the app opens at, or to undefined when the sign-in failed.
 */
export async function completeCallback(
  href: string,
  exchange: CallbackExchange,
): Promise<string | undefined> {
  const { storage, flagStorage, steps } = exchange;
  // Whatever the callback brings, the bounce (if this was one) came back.
  const afterBounce = storage.getItem(bounceMarker) !== null;
  storage.removeItem(bounceMarker);
  try {
    const returnTo = await exchangeCallback(href, exchange);
    keepCallbackOutcome(storage, { ok: true, afterBounce, events: steps });
    // Only now, with the session in the vault: tabs waiting for this bounce find it there.
    flagStorage.removeItem(sharedBounceMarker);
    return returnTo;
  } catch (error) {
    // Whatever failed, the next reload must show the landing page, not bounce again; nor do the
    // tabs that waited for this bounce (bounce-turn.ts), the flag gone before the marker.
    flagStorage.removeItem(signedInFlag);
    flagStorage.removeItem(sharedBounceMarker);
    keepCallbackOutcome(storage, {
      ok: false,
      problem:
        error instanceof AuthProblemError
          ? error.problem
          : { kind: 'unexpected', detail: String(error) },
      afterBounce: error instanceof AuthProblemError && error.afterReload,
      events: steps,
    });
    return undefined;
  }
}
