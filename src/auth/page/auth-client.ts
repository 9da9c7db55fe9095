import type { AppConfig } from '../../config/app-config';
import { AuthProblemError } from '../auth-errors';
import { bounceUnderWay, bounceWindowMs, forgetFailedBounce, takeBounceTurn } from './bounce-turn';
import type { RefreshReason } from '../flow-events';
import { minimumValiditySeconds, refreshMarginSeconds, retryDelaysMs } from '../refresh-schedule';
import { safeReturnPath } from './return-path';
import {
  bounceMarker,
  keepPendingSignIn,
  sharedBounceMarker,
  signedInFlag,
  takeCallbackOutcome,
  unnamedUser,
} from './sign-in-storage';
import type { AuthObserver } from './auth-observer';
import { authError, type VaultConnection, type VaultNotice } from './vault-connection';
import type { ApiAnswer, ApiRequest, Credential, VaultState } from '../vault-protocol';
import { connectRequest, VaultError } from '../vault-protocol';
import { vaultSettings } from '../vault-settings';

export type AuthState =
  | {
      status: 'signed-in';
      expiresAt: number;
      /**
       * Workfront signed in someone other than the user this page, or this browser at its last
       * load, was signed in as: the first user's session is over here, their data gone.
       */
      userChanged?: true;
    }
  | { status: 'signed-out'; reason: 'none' | 'signed-out' | 'session-ended' };

export interface AuthClient {
  getState: () => AuthState;
  subscribe: (listener: () => void) => () => void;
  /** Sends the browser to Workfront's authorize endpoint; comes back to `returnTo`. */
  signIn: (returnTo: string) => Promise<void>;
  /**
   * How the callback document's sign-in went, for the callback page it leaves for when it
   * fails: rejects with the problem, or `not-a-callback` when no callback came before.
   */
  completeSignIn: () => Promise<string>;
  /** A non-secret flag says this browser was signed in when the page was last loaded. */
  wasSignedIn: () => boolean;
  /**
   * After a reload, this page has no session of its own. The vault may still hold one, for
   * another tab; if not, bounce through Workfront, whose own session makes it a redirect with no
   * prompt, and come back to `path`.
   */
  afterReload: (path: string) => Promise<'ready' | 'bouncing'>;
  /** Sends a Workfront API request; the vault adds the session. */
  send: (request: ApiRequest, signal?: AbortSignal) => Promise<ApiAnswer | 'no-session'>;
  /**
   * Refreshes now, unless the tokens changed since `credential` was answered with; callers
   * arriving meanwhile, in any tab, share the same token request.
   */
  refresh: (reason?: RefreshReason, credential?: Credential) => Promise<void>;
  /** "Refresh now": like the expiry timer, it retries transient failures and never throws. */
  refreshNow: () => Promise<void>;
  /** Workfront refused even a freshly refreshed token: the session has ended. */
  sessionEnded: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Starts the vault now, e.g. on the start page when idle, before a sign-in needs it. */
  preload: () => void;
  /**
   * "Check this Workfront" (src/inspector/instance-probes.ts): an API request with the token sent as a Bearer
   * header, on Workfront's API only, as the vault allows for any call.
   */
  sendBearer: (request: ApiRequest, signal?: AbortSignal) => Promise<ApiAnswer>;
}

export interface AuthClientOptions {
  /** Starts the token vault (vault-connection.ts); tests give an in-process one. */
  openVault: (clientId: string, onNotice: (notice: VaultNotice) => void) => VaultConnection;
  origin?: string;
  /** Stays in this tab; holds only the PKCE verifier and state of a pending sign-in. */
  signInRequestStorage?: Storage;
  /** Survives reloads; holds only a non-secret "was signed in" flag. */
  flagStorage?: Storage;
  /** An instrument that watches the flow, such as the flow inspector; none by default. */
  observer?: AuthObserver;
}

/** The user the "was signed in" flag names, if Workfront named one. */
const flaggedUser = (flag: string | null) => (flag === null || flag === unnamedUser ? null : flag);

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export function createAuthClient(config: AppConfig, options: AuthClientOptions): AuthClient {
  const flagStorage = options.flagStorage ?? window.localStorage;
  const tabStorage = options.signInRequestStorage ?? window.sessionStorage;
  const origin = options.origin ?? window.location.origin;
  const settings = vaultSettings(config, origin);
  /** How the callback document's exchange went, when it loaded this page. */
  const callbackOutcome = takeCallbackOutcome(tabStorage);

  let state: AuthState = { status: 'signed-out', reason: 'none' };
  let credential: Credential | null = null;
  /**
   * Whom this page acts for, as Workfront named them: at first the flag's user, unless the user
   * has just signed in themselves (their own click, not a bounce).
   */
  let knownUser =
    callbackOutcome?.ok && !callbackOutcome.afterBounce
      ? null
      : flaggedUser(flagStorage.getItem(signedInFlag));
  let userChanged = false;
  const listeners = new Set<() => void>();
  const setState = (next: AuthState) => {
    state = next;
    // Only the flag survives a reload: it tells the next page load to look for the session.
    if (next.status === 'signed-in') flagStorage.setItem(signedInFlag, knownUser ?? unnamedUser);
    else flagStorage.removeItem(signedInFlag);
    listeners.forEach((listener) => {
      listener();
    });
  };

  const { observer } = options;
  if (observer) callbackOutcome?.events.forEach(observer.step);

  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  function signedOut(
    reason: 'signed-out' | 'session-ended',
    how: 'this-tab' | 'other-tab' | 'session-ended',
  ) {
    clearTimeout(expiryTimer);
    credential = null;
    userChanged = false;
    observer?.step({ type: 'signed-out', at: Date.now(), how });
    setState({ status: 'signed-out', reason });
  }

  /** The vault's state, anchored to this page's clock: each tab keeps its own. */
  function apply(next: VaultState) {
    observer?.vault({
      kind: next.kind,
      tabs: next.tabs,
      userId: next.status === 'signed-in' ? next.userId : null,
    });
    if (next.status === 'signed-in') {
      if (next.credential === credential && state.status === 'signed-in') return;
      if (knownUser !== null && next.userId !== null && next.userId !== knownUser) {
        // Treated as the first user's sign-out (the query cache, drafts, screens), then told.
        if (state.status === 'signed-in') signedOut('signed-out', 'other-tab');
        userChanged = true;
      }
      knownUser = next.userId ?? knownUser;
      credential = next.credential;
      const expiresAt = Date.now() + next.expiresInMs;
      clearTimeout(expiryTimer);
      const seen = next.credential;
      expiryTimer = setTimeout(
        () => void refreshWithRetries('expiring', seen),
        Math.max(0, expiresAt - Date.now() - refreshMarginSeconds * 1000),
      );
      setState({ status: 'signed-in', expiresAt, ...(userChanged ? { userChanged } : {}) });
      return;
    }
    if (state.status !== 'signed-in') return;
    if (next.reason === 'session-ended') signedOut('session-ended', 'session-ended');
    else if (next.reason === 'signed-out') signedOut('signed-out', 'other-tab');
    // A new vault, which never had this page's session (the shared one ended while this page
    // was in the back/forward cache): load again, which bounces for new tokens.
    else window.location.reload();
  }

  let connection: VaultConnection | undefined;
  let connecting: Promise<VaultConnection> | undefined;
  function vault(): Promise<VaultConnection> {
    connecting ??= (async () => {
      const opened = options.openVault(config.clientId, (notice) => {
        if (notice.type === 'state') apply(notice.state);
        else observer?.step(notice.event);
      });
      apply(await opened.request(connectRequest(settings)));
      connection = opened;
      return opened;
    })().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function ask<T>(step: (connection: VaultConnection) => Promise<T>): Promise<T> {
    try {
      return await step(await vault());
    } catch (error) {
      throw error instanceof VaultError ? authError(error.failure) : error;
    }
  }

  async function signIn(returnTo: string, bounce = false) {
    const started = await ask((open) =>
      open.request({ type: 'begin-sign-in', returnTo: safeReturnPath(returnTo, origin), bounce }),
    );
    // Checked again before the browser leaves with `state` and the challenge: the configured
    // endpoint (src/config/app-config.ts), whatever the vault answered.
    const endpoint = new URL(config.authorizationEndpoint);
    const leaving = parsedUrl(started.url);
    if (leaving?.origin !== endpoint.origin || leaving.pathname !== endpoint.pathname) {
      throw new AuthProblemError({
        kind: 'unexpected',
        detail: `The sign-in would leave for ${started.url}, not ${config.authorizationEndpoint}.`,
      });
    }
    keepPendingSignIn(tabStorage, started.stateId, started.pendingSignIn);
    observer?.step({ type: 'authorize', at: Date.now(), url: started.url });
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

  /** Refreshes in the vault; a failure comes as the vault put it. */
  async function refreshInVault(reason: RefreshReason, seen: Credential | null) {
    try {
      apply(await (await vault()).request({ type: 'refresh', reason, credential: seen }));
    } catch (error) {
      if (error instanceof VaultError && error.failure.kind === 'bounce') {
        // The refresh's answer was lost and Workfront then refused the token: sign in again
        // through Workfront's own session, with no prompt, back to this very page.
        const { pathname, search, hash } = window.location;
        await bounce(`${pathname}${search}${hash}`).catch(() => undefined);
      }
      throw error;
    }
  }

  async function refresh(reason: RefreshReason = 'expiring', seen = credential) {
    try {
      await refreshInVault(reason, seen);
    } catch (error) {
      throw error instanceof VaultError ? authError(error.failure) : error;
    }
  }

  /** A refresh that retries transient failures while the current access token still works. */
  async function refreshWithRetries(reason: RefreshReason, seen: Credential | null) {
    const started = state;
    let askedWaitMs = 0;
    for (const scheduledMs of [0, ...retryDelaysMs]) {
      const delayMs = Math.max(scheduledMs, askedWaitMs);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (state.status !== 'signed-in' || Date.now() >= state.expiresAt) return;
      // Another refresh (the tab coming back, a refused call, another tab) came first.
      if (started.status === 'signed-in' && state.expiresAt !== started.expiresAt) return;
      try {
        await refreshInVault(reason, seen);
        return;
      } catch (error) {
        const failure = error instanceof VaultError ? error.failure : undefined;
        // Worth a retry: the network, a timeout, a 5xx or a rate limit.
        if (failure?.kind === 'problem' && !failure.endsSession) {
          askedWaitMs = failure.retryAfterMs ?? 0;
        } else if (failure?.kind !== 'network') {
          return;
        }
      }
    }
  }

  /**
   * After sleep or a time offline the expiry timer may have fired too late, or not at all:
   * refresh at once when the tab is seen again or back online, before its queries run.
   */
  function refreshIfStale() {
    if (state.status !== 'signed-in') return;
    if (state.expiresAt - Date.now() > refreshMarginSeconds * 1000) return;
    refresh('resumed').catch(() => undefined);
  }
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') refreshIfStale();
    });
  }
  window.addEventListener('online', refreshIfStale);

  // A page that goes, into the back/forward cache or for good, leaves the vault's count of tabs.
  // Back from the cache, it opens the vault again (the shared one may have ended with the last
  // other tab) and hears what happened meanwhile. If another tab signed out (the flag is gone),
  // it signs out here too rather than show its data.
  window.addEventListener('pagehide', () => {
    void connection?.request({ type: 'disconnect' });
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || !connection) return;
    if (state.status === 'signed-in' && flagStorage.getItem(signedInFlag) === null) {
      signedOut('signed-out', 'other-tab');
      return;
    }
    if (connection.kind === 'per-tab') {
      // This tab's own vault was frozen with it, tokens and all.
      void connection.request(connectRequest(settings)).then(apply, () => undefined);
      return;
    }
    connection = undefined;
    connecting = undefined;
    vault().catch(() => undefined);
  });

  /** Asks the vault for its state now: it answers after any sign-in it finished before. */
  async function vaultSignedIn() {
    apply(await (await vault()).request(connectRequest(settings)));
    return state.status === 'signed-in';
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

  async function send(
    request: ApiRequest,
    signal?: AbortSignal,
  ): Promise<ApiAnswer | 'no-session'> {
    if (state.status !== 'signed-in') return 'no-session';
    if (state.expiresAt - Date.now() <= minimumValiditySeconds * 1000) {
      try {
        await refresh('expiring');
      } catch {
        return 'no-session';
      }
    }
    try {
      return await (await vault()).request({ type: 'call-api', request }, signal);
    } catch (error) {
      if (error instanceof VaultError && error.failure.kind === 'signed-out') return 'no-session';
      throw error;
    }
  }

  async function signOut() {
    // Here first: the query cache and the flag go before the vault hears of it.
    if (state.status === 'signed-in') signedOut('signed-out', 'this-tab');
    await connection?.request({ type: 'sign-out', ended: false }).catch(() => undefined);
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn: (returnTo) => signIn(returnTo),
    completeSignIn() {
      if (!callbackOutcome) {
        return Promise.reject(new AuthProblemError({ kind: 'not-a-callback' }));
      }
      if (!callbackOutcome.ok) {
        const { problem, afterBounce } = callbackOutcome;
        return Promise.reject(new AuthProblemError(problem, afterBounce));
      }
      return Promise.resolve('/work');
    },
    wasSignedIn: () => flagStorage.getItem(signedInFlag) !== null,
    async afterReload(path) {
      if (callbackOutcome?.ok) {
        // The callback document signed in and loaded this page: the vault has the session.
        await vault().catch(() => undefined);
        return 'ready';
      }
      forgetFailedBounces();
      const route = path.split(/[?#]/)[0];
      if (route === config.redirectPath || flagStorage.getItem(signedInFlag) === null)
        return 'ready';
      try {
        await vault();
      } catch {
        flagStorage.removeItem(signedInFlag);
        return 'ready';
      }
      // Another tab's session, in the shared vault: no request to Workfront at all.
      if (state.status === 'signed-in') return 'ready';
      // The start page never bounces: it is where a user goes when something is wrong. Nor does
      // a tab whose bounce has not come back (Workfront's error page, then Back).
      if (route === '/' || tabStorage.getItem(bounceMarker) !== null) return 'ready';
      // Tabs restored together bounce once between them (bounce-turn.ts).
      const turn = await takeBounceTurn({
        clientId: config.clientId,
        storage: flagStorage,
        signedIn: vaultSignedIn,
        seenSignedIn: () => state.status === 'signed-in',
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
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
    },
    send,
    refresh,
    refreshNow: () => refreshWithRetries('manual', credential),
    async sessionEnded() {
      if (state.status === 'signed-in') signedOut('session-ended', 'session-ended');
      await connection?.request({ type: 'sign-out', ended: true }).catch(() => undefined);
    },
    signOut,
    preload: () => {
      vault().catch(() => undefined);
    },
    sendBearer: (request, signal) =>
      ask((open) => open.request({ type: 'call-api', request, bearer: true }, signal)),
  };
}
