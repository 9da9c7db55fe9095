/**
 * The page's side of the integration, composed of named parts: the session store (the auth state
 * and its listeners), the vault's connection, the sign-in, the calls that need the session, the
 * silent sign-in after a reload, the expiry timer, and sign-out here. The tokens stay in the vault; this side hears what carries
 * none. `dispose` ends what the parts started: listeners, timers.
 */
import type { AppConfig } from '../../config/app-config';
import type { RefreshReason } from '../flow-events';
import type { ApiAnswer, ApiRequest, Credential } from '../vault-protocol';
import { vaultSettings } from '../vault-settings';
import { createExpiryTimer } from './expiry-timer';
import { guarded, type AuthObserver } from './auth-observer';
import { createSessionStore, type AuthState } from './session-store';
import { completeSignIn, createSignIn } from './sign-in';
import { signedInFlag, takeCallbackOutcome, unnamedUser } from './sign-in-storage';
import { silentSignIn } from './silent-sign-in';
import { createVaultCalls } from './vault-calls';
import { createVaultLink } from './vault-link';
import type { VaultConnection, VaultNotice } from './vault-connection';

export type { AuthState } from './session-store';

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
  /**
   * Sends a Workfront API request; the vault adds the session, as Workfront's `sessionID` header
   * or, with `bearer`, as RFC 6750's `Authorization: Bearer` (which "Check this Workfront" tries).
   */
  send: (
    request: ApiRequest,
    signal?: AbortSignal,
    bearer?: boolean,
  ) => Promise<ApiAnswer | 'no-session'>;
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
  /** Ends what the client started: its listeners on the page, its timers. */
  dispose: () => void;
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

export function createAuthClient(config: AppConfig, options: AuthClientOptions): AuthClient {
  const flagStorage = options.flagStorage ?? window.localStorage;
  const tabStorage = options.signInRequestStorage ?? window.sessionStorage;
  const origin = options.origin ?? window.location.origin;
  /** How the callback document's exchange went, when it loaded this page. */
  const callbackOutcome = takeCallbackOutcome(tabStorage);
  const observer = guarded(options.observer);
  callbackOutcome?.events.forEach(observer.step);
  const disposed = new AbortController();
  const { signal } = disposed;

  // Whom this page acts for: at first the flag's user, unless the user has just signed in
  // themselves (their own click, not a bounce).
  const store = createSessionStore(
    flagStorage,
    callbackOutcome?.ok && !callbackOutcome.afterBounce
      ? null
      : flaggedUser(flagStorage.getItem(signedInFlag)),
    observer,
  );
  const link = createVaultLink({
    open: () =>
      options.openVault(config.clientId, (notice) => {
        if (notice.type === 'state') store.apply(notice.state);
        else observer.step(notice.event);
      }),
    settings: vaultSettings(config, origin),
    flagStorage,
    store,
    signal,
  });
  const { vault, ask } = link;
  const { signIn, bounce } = createSignIn({ config, origin, tabStorage, observer, ask });

  const { refresh, send } = createVaultCalls(store, vault, bounce);
  const timer = createExpiryTimer(store, refresh, signal);

  /** Here first (the query cache and the flag go), then in the vault, for every tab. */
  async function signOut(ended: boolean) {
    if (store.state().status === 'signed-in') {
      store.signedOut(ended ? 'session-ended' : 'signed-out', ended ? 'session-ended' : 'this-tab');
    }
    await link
      .connection()
      ?.request({ type: 'sign-out', ended })
      .catch(() => undefined);
  }

  return {
    getState: store.state,
    subscribe: store.subscribe,
    signIn,
    completeSignIn: () => completeSignIn(callbackOutcome),
    wasSignedIn: () => flagStorage.getItem(signedInFlag) !== null,
    afterReload: (path) =>
      silentSignIn(path, {
        config,
        flagStorage,
        tabStorage,
        callbackOutcome,
        store,
        open: vault,
        askState: link.askState,
        bounce,
      }),
    send,
    refresh: (reason = 'expiring', seen) => ask(() => refresh(reason, seen ?? store.credential())),
    refreshNow: () => timer.run('manual', store.credential()),
    sessionEnded: () => signOut(true),
    signOut: () => signOut(false),
    preload: () => void vault().catch(() => undefined),
    dispose: () => {
      disposed.abort();
    },
  };
}
