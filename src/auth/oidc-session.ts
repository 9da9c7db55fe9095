import {
  ErrorResponse,
  InMemoryWebStorage,
  UserManager,
  WebStorageStateStore,
  type User,
} from 'oidc-client-ts';
import type { AppConfig } from '../config/app-config';
import type { AuthClientOptions, AuthStore } from './auth-client';
import { AuthProblemError, endsSession, toAuthProblem } from './auth-errors';
import { checkCallbackUrl } from './callback-url';
import { safeReturnPath } from './return-path';
import { singleFlight } from './single-flight';

interface SignInRequestData {
  returnTo: string;
  /** Started by the app after a reload rather than by the user. */
  bounce: boolean;
}

/** Refresh this long before the access token expires, so no request carries a dead token. */
const expiringNotificationSeconds = 60;
const minimumValiditySeconds = 10;
const retryDelaysMs = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export type OidcSession = ReturnType<typeof createOidcSession>;

/** Everything that touches oidc-client-ts and tokens. Loaded only once a sign-in begins. */
export function createOidcSession(config: AppConfig, options: AuthClientOptions, store: AuthStore) {
  const origin = options.origin ?? window.location.origin;
  const redirectUri = `${origin}${config.redirectPath}`;
  const signInStateStore = new WebStorageStateStore({
    store: options.signInRequestStorage ?? window.sessionStorage,
    prefix: 'workfront.signin.',
  });

  // Workfront has no discovery document, no id_token and no userinfo, so everything is set by hand.
  const userManager = new UserManager({
    authority: config.workfrontUrl,
    metadata: {
      issuer: config.workfrontUrl,
      authorization_endpoint: config.authorizationEndpoint,
      token_endpoint: config.tokenEndpoint,
    },
    client_id: config.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: config.scope,
    loadUserInfo: false,
    monitorSession: false,
    // Renewal is driven below, through the single flight, instead of by the library's own timer.
    automaticSilentRenew: false,
    accessTokenExpiringNotificationTimeInSeconds: expiringNotificationSeconds,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: signInStateStore,
  });

  const channel =
    typeof BroadcastChannel === 'undefined'
      ? undefined
      : new BroadcastChannel(`workfront-auth:${config.clientId}`);

  function signedIn(user: User) {
    store.setState({ status: 'signed-in', expiresAt: (user.expires_at ?? 0) * 1000 });
  }

  async function forget(reason: 'signed-out' | 'session-ended') {
    await userManager.removeUser();
    store.setState({ status: 'signed-out', reason });
  }

  const tabLockName = `workfront-refresh:${crypto.randomUUID()}`;

  /**
   * One refresh at a time. The single flight shares the request between callers in this tab; the
   * Web Lock keeps it exclusive for the whole exchange, until the rotated refresh token is stored,
   * so the old one can never be sent twice.
   */
  const refreshOnce = singleFlight(async () => {
    const exchange = async () => {
      const user = await userManager.getUser();
      if (!user?.refresh_token) {
        throw new AuthProblemError({
          kind: 'token-error',
          error: 'no_refresh_token',
          description: 'Workfront issued no refresh token; ask for the offline_access scope.',
        });
      }
      const renewed = await userManager.signinSilent({ redirect_uri: redirectUri });
      if (!renewed?.access_token) {
        throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
      }
      return renewed;
    };
    const user =
      typeof navigator !== 'undefined' && 'locks' in navigator
        ? await navigator.locks.request(tabLockName, exchange)
        : await exchange();
    signedIn(user);
  });

  async function refresh(): Promise<void> {
    try {
      await refreshOnce();
    } catch (error) {
      if (endsSession(error) && store.getState().status === 'signed-in')
        await forget('session-ended');
      throw error;
    }
  }

  /** Background renewal: retries transient failures while the current access token still works. */
  async function renewBeforeExpiry() {
    for (const delayMs of [0, ...retryDelaysMs]) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const state = store.getState();
      if (state.status !== 'signed-in' || Date.now() >= state.expiresAt) return;
      try {
        await refresh();
        return;
      } catch (error) {
        if (endsSession(error)) return;
      }
    }
  }

  userManager.events.addAccessTokenExpiring(() => {
    void renewBeforeExpiry();
  });

  async function endWorkfrontSession(user: User | null) {
    if (user) await options.endWorkfrontSession(user.access_token).catch(() => undefined);
  }

  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data !== 'signed-out' || store.getState().status !== 'signed-in') return;
    void userManager.getUser().then(async (user) => {
      await forget('signed-out');
      await endWorkfrontSession(user);
    });
  });

  async function signIn(returnTo: string, bounce = false) {
    // A tab has at most one sign-in pending; older ones were abandoned (Back, a second click).
    for (const key of await signInStateStore.getAllKeys()) await signInStateStore.remove(key);
    const data: SignInRequestData = { returnTo: safeReturnPath(returnTo, origin), bounce };
    await userManager.signinRedirect({ state: data });
  }

  async function finishCallback(href: string): Promise<string> {
    const pending = await signInStateStore.getAllKeys();
    const checked = checkCallbackUrl(href, pending);
    if (!checked.ok) {
      throw new AuthProblemError(
        checked.problem === 'not-a-callback'
          ? { kind: 'not-a-callback' }
          : { kind: 'state-mismatch', detail: checked.problem },
      );
    }
    try {
      const user = await userManager.signinRedirectCallback(checked.url);
      if (!user.access_token) {
        await userManager.removeUser();
        throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
      }
      signedIn(user);
      const data = user.state as Partial<SignInRequestData> | undefined;
      return safeReturnPath(data?.returnTo, origin);
    } catch (error) {
      const data =
        error instanceof ErrorResponse ? (error.state as Partial<SignInRequestData>) : {};
      throw new AuthProblemError(toAuthProblem(error), data.bounce === true);
    }
  }

  return {
    signIn,
    finishCallback,
    async getAccessToken() {
      const user = await userManager.getUser();
      if (!user || store.getState().status !== 'signed-in') {
        throw new AuthProblemError({ kind: 'signed-out' });
      }
      if ((user.expires_in ?? Infinity) > minimumValiditySeconds) return user.access_token;
      await refresh();
      const renewed = await userManager.getUser();
      if (!renewed) throw new AuthProblemError({ kind: 'signed-out' });
      return renewed.access_token;
    },
    refresh,
    endSession: () => forget('session-ended'),
    async signOut() {
      const user = await userManager.getUser();
      await endWorkfrontSession(user);
      await forget('signed-out');
      channel?.postMessage('signed-out');
    },
  };
}
