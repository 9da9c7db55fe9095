import type { AppConfig } from '../config/app-config';
import { createFlowLog, type FlowEvent, type RefreshReason } from './flow-log';
import type { InstanceProbes } from './instance-probes';
import type { OidcSession } from './oidc-session';

export type AuthState =
  | { status: 'signed-in'; expiresAt: number }
  | { status: 'signed-out'; reason: 'none' | 'signed-out' | 'session-ended' };

export interface AuthClient {
  getState: () => AuthState;
  subscribe: (listener: () => void) => () => void;
  /** Sends the browser to Workfront's authorize endpoint; comes back to `returnTo`. */
  signIn: (returnTo: string) => Promise<void>;
  /** Finishes the sign-in on the callback page. Resolves to the path to go to next. */
  completeSignIn: () => Promise<string>;
  /**
   * After a reload memory is empty. If this browser was signed in, bounce through Workfront, whose
   * own session makes it a redirect with no prompt, and come back to `path`. True if it started.
   */
  resumeAfterReload: (path: string) => boolean;
  /** A valid access token, refreshed first if it is about to expire. */
  getAccessToken: () => Promise<string>;
  /** Refreshes now; callers arriving meanwhile share the same token request. */
  refresh: (reason?: RefreshReason) => Promise<void>;
  /** "Refresh now": like the expiry timer, it retries transient failures and never throws. */
  renewNow: () => Promise<void>;
  /** Workfront refused a freshly refreshed token: end the session, as a failed refresh does. */
  endSession: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Starts loading oidc-client-ts now, e.g. on the callback page before it renders. */
  preload: () => void;
  /** This tab's OAuth story, for the flow inspector. Tokens appear only as fingerprints. */
  flow: { events: () => readonly FlowEvent[]; subscribe: (listener: () => void) => () => void };
  /** "Check this Workfront": the requests that need a token or the raw token endpoint. */
  probes: InstanceProbes;
}

export interface AuthClientOptions {
  /** Ends the Workfront session behind an access token (the API's logout). Best effort. */
  endWorkfrontSession: (accessToken: string) => Promise<void>;
  origin?: string;
  /** Stays in this tab; holds only the short-lived PKCE verifier and state of a pending sign-in. */
  signInRequestStorage?: Storage;
  /** Survives reloads; holds only a non-secret "was signed in" flag. */
  flagStorage?: Storage;
}

/** The auth state that React renders from; the OIDC session writes it. */
export interface AuthStore {
  getState: () => AuthState;
  setState: (next: AuthState) => void;
}

const signedInFlag = 'workfront.wasSignedIn';
/** When this tab last bounced through Workfront by itself; removed when a callback comes back. */
const bounceMarker = 'workfront.bounceStartedAt';
/** A bounce gone longer than this without a callback failed: Workfront did not send it back. */
const bounceWindowMs = 30_000;

export function createAuthClient(config: AppConfig, options: AuthClientOptions): AuthClient {
  const flagStorage = options.flagStorage ?? window.localStorage;
  const tabStorage = options.signInRequestStorage ?? window.sessionStorage;
  let state: AuthState = { status: 'signed-out', reason: 'none' };
  const listeners = new Set<() => void>();
  const store: AuthStore = {
    getState: () => state,
    setState(next) {
      state = next;
      // Only the flag survives a reload: it tells the next page load to bounce for new tokens.
      if (next.status === 'signed-in') flagStorage.setItem(signedInFlag, '1');
      else flagStorage.removeItem(signedInFlag);
      listeners.forEach((listener) => {
        listener();
      });
    },
  };

  const flow = createFlowLog(tabStorage);

  // oidc-client-ts is loaded when a sign-in begins: the signed-out landing page never needs it.
  let loading: Promise<OidcSession> | undefined;
  const session = () =>
    (loading ??= import('./oidc-session')
      .then((module) => module.createOidcSession(config, options, store, flow))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));

  let callback: Promise<string> | undefined;

  // A page back from the back/forward cache missed what happened while it was frozen. If another
  // tab signed out meanwhile (the flag is gone), sign out here too rather than show its data.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || state.status !== 'signed-in') return;
    if (flagStorage.getItem(signedInFlag) === '1') return;
    void session().then((loaded) => loaded.signedOutElsewhere());
  });

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn: async (returnTo) => (await session()).signIn(returnTo),
    completeSignIn() {
      // The callback URL is read and wiped once per page load. A second call, such as React
      // StrictMode mounting the page twice, shares the first exchange: a code is single-use.
      if (!callback) {
        // Whatever it brings, the bounce (if this was one) came back.
        tabStorage.removeItem(bounceMarker);
        const href = window.location.href;
        window.history.replaceState(window.history.state, '', config.redirectPath);
        callback = session()
          .then((loaded) => loaded.finishCallback(href))
          .catch((error: unknown) => {
            // Whatever failed, the next reload must show the landing page, not bounce again.
            flagStorage.removeItem(signedInFlag);
            throw error;
          });
      }
      return callback;
    },
    resumeAfterReload(path) {
      const bouncedAt = Number(tabStorage.getItem(bounceMarker) ?? NaN);
      if (Date.now() - bouncedAt > bounceWindowMs) {
        // This tab bounced long ago and no callback came back: the bounce failed for good.
        flagStorage.removeItem(signedInFlag);
        tabStorage.removeItem(bounceMarker);
      }
      const route = path.split(/[?#]/)[0];
      // The start page never bounces: it is where a user goes when something is wrong.
      if (route === config.redirectPath || route === '/') return false;
      if (flagStorage.getItem(signedInFlag) !== '1') return false;
      // A bounce of this tab has not come back (Workfront's error page, then Back): never
      // bounce twice in a row.
      if (tabStorage.getItem(bounceMarker) !== null) return false;
      tabStorage.setItem(bounceMarker, String(Date.now()));
      session()
        .then((loaded) => loaded.signIn(path, true))
        .catch(() => {
          // Could not even start: drop the flag so that the reload shows the app signed out.
          flagStorage.removeItem(signedInFlag);
          window.location.reload();
        });
      return true;
    },
    getAccessToken: async () => (await session()).getAccessToken(),
    refresh: async (reason) => (await session()).refresh(reason),
    renewNow: async () => (await session()).renew('manual'),
    endSession: async () => (await session()).endSession(),
    signOut: async () => (await session()).signOut(),
    preload: () => {
      session().catch(() => undefined);
    },
    flow: { events: flow.events, subscribe: flow.subscribe },
    probes: {
      signInFacts: async () => (await session()).probes.signInFacts(),
      bearerOnly: async (url) => (await session()).probes.bearerOnly(url),
      madeUpRefresh: async () => (await session()).probes.madeUpRefresh(),
    },
  };
}
