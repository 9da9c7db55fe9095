import {
  ErrorResponse,
  ErrorTimeout,
  InMemoryWebStorage,
  SigninState,
  UserManager,
  WebStorageStateStore,
  type INavigator,
  type User,
} from 'oidc-client-ts';
import type { AppConfig } from '../config/app-config';
import { requestPolicy, retryAfterMs } from '../config/request-policy';
import type { AuthClientOptions, AuthStore } from './auth-client';
import { AuthProblemError, endsSession, toAuthProblem } from './auth-errors';
import { checkCallbackUrl } from './callback-url';
import { fingerprint, maskCode, type FlowLog, type RefreshReason } from './flow-log';
import { createInstanceProbes, tokenAnswerAsSent } from './instance-probes';
import { safeReturnPath } from './return-path';
import { singleFlight } from './single-flight';
import { installTokenEndpointFetch } from './token-endpoint-fetch';

interface SignInRequestData {
  returnTo: string;
  /** Started by the app after a reload rather than by the user. */
  bounce: boolean;
}

/**
 * Refresh this long before the access token expires, so no request carries a dead token: room for
 * the retries of a transient failure (1 + 2 + 4 + 8 s), without wasting much of a short token.
 */
const expiringNotificationSeconds = 30;
const minimumValiditySeconds = 10;
const retryDelaysMs = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/**
 * The lifetime assumed when `expires_in` is missing or unusable: negative or not a number
 * (oidc-client-ts then leaves `expires_at` unset), or too short to use. Taken as never expiring,
 * the token would not be refreshed ahead and the countdown would be wrong; taken as expired,
 * every call would refresh first. Five minutes keeps the session fresh for one token request per
 * four minutes, and a token Workfront refuses sooner is refreshed on the refusal anyway.
 */
const assumedLifetimeSeconds = 300;

export type OidcSession = ReturnType<typeof createOidcSession>;

/** oidc-client-ts's own redirect, plus a note of the authorize URL for the flow inspector. */
function recordingRedirectNavigator(flow: FlowLog): INavigator {
  return {
    prepare: () =>
      Promise.resolve({
        navigate({ url }) {
          flow.rememberAuthorize(new URL(url).searchParams.get('state') ?? '', url);
          window.location.assign(url);
          // The page unloads; nothing waits on this.
          return new Promise(() => undefined);
        },
        close: () => undefined,
      }),
    callback: () => Promise.resolve(),
  };
}

async function base64UrlSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** Everything that touches oidc-client-ts and tokens. Loaded only once a sign-in begins. */
export function createOidcSession(
  config: AppConfig,
  options: AuthClientOptions,
  store: AuthStore,
  flow: FlowLog,
) {
  /** The wait the token endpoint last asked for with `Retry-After`, for the next retry. */
  let askedWaitMs: number | undefined;
  /** The body of the token endpoint's last success, as sent, for the flow inspector. */
  let lastAnswer: unknown;
  installTokenEndpointFetch([config.tokenEndpoint, config.revocationEndpoint], {
    onRetryAfter: (header) => {
      askedWaitMs = retryAfterMs(header);
    },
    onAnswer: (body) => {
      lastAnswer = body;
    },
    timeoutMs: requestPolicy.tokenTimeoutSeconds * 1000,
  });
  const origin = options.origin ?? window.location.origin;
  const redirectUri = `${origin}${config.redirectPath}`;
  const signInStateStore = new WebStorageStateStore({
    store: options.signInRequestStorage ?? window.sessionStorage,
    prefix: 'workfront.signin.',
  });

  // Workfront has no discovery document, no id_token and no userinfo, so everything is set by hand.
  const userManager = new UserManager(
    {
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
    },
    recordingRedirectNavigator(flow),
  );

  const channel =
    typeof BroadcastChannel === 'undefined'
      ? undefined
      : new BroadcastChannel(`workfront-auth:${config.clientId}`);

  /**
   * Bumped by every sign-out, here or in another tab. A refresh, a code exchange or a bounce that
   * started before it may finish after it; its tokens are then thrown away, never kept.
   */
  let generation = 0;

  /** Throws if a sign-out came since `started`, after forgetting (and revoking) what arrived. */
  async function stillCurrent(started: number, arrived: User) {
    if (generation === started) return;
    await userManager.removeUser();
    void revokeRefreshToken(arrived);
    throw new AuthProblemError({ kind: 'signed-out' });
  }

  async function signedIn(user: User) {
    if (user.expires_in === undefined || user.expires_in <= minimumValiditySeconds) {
      user.expires_in = assumedLifetimeSeconds;
      await userManager.storeUser(user);
      // The library set its expiry timers from the unusable value: set them again.
      await userManager.events.load(user, false);
    }
    store.setState({ status: 'signed-in', expiresAt: (user.expires_at ?? 0) * 1000 });
  }

  async function forget(how: 'this-tab' | 'other-tab' | 'session-ended') {
    await userManager.removeUser();
    flow.forgetSecrets();
    flow.add({ type: 'signed-out', at: Date.now(), how });
    store.setState({ status: 'signed-out', reason: how === 'session-ended' ? how : 'signed-out' });
  }

  const tabLockName = `workfront-refresh:${crypto.randomUUID()}`;

  /**
   * One refresh at a time. The single flight shares the request between callers in this tab; the
   * Web Lock keeps it exclusive for the whole exchange, until the rotated refresh token is stored,
   * so the old one can never be sent twice.
   */
  let pendingReason: RefreshReason = 'expiring';
  const refreshOnce = singleFlight(async () => {
    const reason = pendingReason;
    const started = generation;
    const exchange = async () => {
      const user = await userManager.getUser();
      if (!user?.refresh_token) {
        throw new AuthProblemError({
          kind: 'token-error',
          error: 'no_refresh_token',
          description: 'Workfront issued no refresh token; ask for the offline_access scope.',
        });
      }
      const before = await fingerprint(user.refresh_token);
      try {
        // Its timeout is the token endpoint fetch's (token-endpoint-fetch.ts explains why).
        const renewed = await userManager.signinSilent({ redirect_uri: redirectUri });
        if (renewed) await stillCurrent(started, renewed);
        if (!renewed?.access_token) {
          throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
        }
        const after = renewed.refresh_token ? await fingerprint(renewed.refresh_token) : null;
        flow.add({
          type: 'refresh',
          at: Date.now(),
          reason,
          ok: true,
          accessFingerprint: await fingerprint(renewed.access_token),
          refreshFingerprint: after,
          rotated: after !== null && after !== before,
          tokenType: renewed.token_type,
          expiresIn: renewed.expires_in,
        });
        return renewed;
      } catch (error) {
        flow.add({ type: 'refresh', at: Date.now(), reason, ok: false, error: String(error) });
        throw error;
      }
    };
    const user =
      typeof navigator !== 'undefined' && 'locks' in navigator
        ? await navigator.locks.request(tabLockName, exchange)
        : await exchange();
    await stillCurrent(started, user);
    await signedIn(user);
  });

  /**
   * A refresh timed out or lost its connection after it was sent: Workfront may have rotated the
   * refresh token, and the answer with the new one never arrived. Then the retry presents a
   * retired token, and Workfront refuses it (and revokes the chain) although nothing is wrong.
   */
  let outcomeUnknown = false;
  const answerLost = (error: unknown) =>
    error instanceof TypeError ||
    error instanceof ErrorTimeout ||
    (error instanceof DOMException && error.name === 'TimeoutError');

  async function refresh(reason: RefreshReason = 'expiring'): Promise<void> {
    pendingReason = reason;
    try {
      await refreshOnce();
      outcomeUnknown = false;
    } catch (error) {
      if (answerLost(error)) outcomeUnknown = true;
      else if (endsSession(error) && store.getState().status === 'signed-in') {
        if (outcomeUnknown) {
          // Not a real refusal: sign in again through Workfront's own session, with no prompt,
          // back to this very page (drafts are kept in sessionStorage).
          outcomeUnknown = false;
          const { pathname, search, hash } = window.location;
          await signIn(`${pathname}${search}${hash}`, true);
        } else {
          await forget('session-ended');
        }
      }
      throw error;
    }
  }

  /** Renewal that retries transient failures while the current access token still works. */
  async function renew(reason: RefreshReason) {
    const started = store.getState();
    for (const scheduledMs of [0, ...retryDelaysMs]) {
      const delayMs = Math.max(scheduledMs, askedWaitMs ?? 0);
      askedWaitMs = undefined;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const state = store.getState();
      if (state.status !== 'signed-in' || Date.now() >= state.expiresAt) return;
      // Another refresh (the tab coming back, a refused call) renewed the token during the wait.
      if (started.status === 'signed-in' && state.expiresAt !== started.expiresAt) return;
      try {
        await refresh(reason);
        return;
      } catch (error) {
        if (endsSession(error)) return;
      }
    }
  }

  userManager.events.addAccessTokenExpiring(() => {
    void renew('expiring');
  });

  /**
   * After sleep or a time offline the expiry timer may have fired too late to renew, or not at
   * all: refresh at once when the tab is seen again or back online, before its queries run.
   */
  function refreshIfStale() {
    const state = store.getState();
    if (state.status !== 'signed-in') return;
    if (state.expiresAt - Date.now() > expiringNotificationSeconds * 1000) return;
    refresh('resumed').catch(() => undefined);
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshIfStale();
  });
  window.addEventListener('online', refreshIfStale);

  async function endWorkfrontSession(user: User | null) {
    if (user) await options.endWorkfrontSession(user.access_token).catch(() => undefined);
  }

  /**
   * Revokes the refresh token, and with it its whole rotation chain, as Workfront's own demo signs
   * out (oauth2-pkce-demo: JSON with these names). Best effort: a missing endpoint (404) or a
   * network failure never holds the sign-out up; the inspector shows how it went.
   */
  async function revokeRefreshToken(user: User | null) {
    if (!user?.refresh_token) return;
    try {
      // Its timeout is the token endpoint fetch's, which wraps this endpoint too.
      const response = await fetch(config.revocationEndpoint, {
        method: 'POST',
        // The tab may be closing or navigating away: the request still goes.
        keepalive: true,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          client_id: config.clientId,
          refresh_token: user.refresh_token,
          redirect_uri: redirectUri,
        }),
      });
      flow.add({ type: 'revoke', at: Date.now(), ok: response.ok, status: response.status });
    } catch (error) {
      flow.add({ type: 'revoke', at: Date.now(), ok: false, error: String(error) });
    }
  }

  /** Everything Workfront holds for this tab's sign-in: the API session and the refresh chain. */
  async function endAtWorkfront(user: User | null) {
    await Promise.all([endWorkfrontSession(user), revokeRefreshToken(user)]);
  }

  /**
   * Signs out here at once: tokens, the "was signed in" flag, and everything that listens to the
   * auth state (the query cache) are gone before any request to Workfront, which then ends the
   * API session and revokes the refresh chain in the background.
   */
  async function signOutHere(how: 'this-tab' | 'other-tab') {
    generation += 1;
    const user = await userManager.getUser();
    if (!user && store.getState().status !== 'signed-in') return;
    await forget(how);
    void endAtWorkfront(user);
  }

  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data === 'signed-out') void signOutHere('other-tab');
  });

  async function signIn(returnTo: string, bounce = false) {
    // A tab has at most one sign-in pending; older ones were abandoned (Back, a second click).
    for (const key of await signInStateStore.getAllKeys()) await signInStateStore.remove(key);
    const data: SignInRequestData = { returnTo: safeReturnPath(returnTo, origin), bounce };
    await userManager.signinRedirect({ state: data });
  }

  /** The verifier of a pending sign-in, read before the exchange removes it, for the inspector. */
  async function pendingVerifier(state: string): Promise<string | undefined> {
    const stored = await signInStateStore.get(state);
    return stored ? (await SigninState.fromStorageString(stored)).code_verifier : undefined;
  }

  async function recordExchange(user: User, verifier: string | undefined) {
    const authorize = flow.events().findLast((event) => event.type === 'authorize');
    const challenge = authorize && new URL(authorize.url).searchParams.get('code_challenge');
    if (verifier && challenge) {
      const computed = await base64UrlSha256(verifier);
      flow.add({ type: 'pkce-proof', at: Date.now(), verifier, challenge, computed });
    }
    flow.add({
      type: 'token-exchange',
      at: Date.now(),
      ok: true,
      tokenType: user.token_type,
      expiresIn: user.expires_in,
      scope: user.scope,
      accessFingerprint: await fingerprint(user.access_token),
      refreshFingerprint: user.refresh_token ? await fingerprint(user.refresh_token) : null,
      ...tokenAnswerAsSent(lastAnswer),
    });
  }

  async function finishCallback(href: string): Promise<string> {
    const started = generation;
    const pending = await signInStateStore.getAllKeys();
    const checked = checkCallbackUrl(href, pending);
    if (!checked.ok) {
      throw new AuthProblemError(
        checked.problem === 'not-a-callback'
          ? { kind: 'not-a-callback' }
          : { kind: 'state-mismatch', detail: checked.problem },
      );
    }
    const params = new URL(checked.url).searchParams;
    const state = params.get('state') ?? '';
    flow.recallAuthorize(state);
    flow.add({
      type: 'callback',
      at: Date.now(),
      params: [...new URL(href).searchParams].map(([name, value]) => [
        name,
        name === 'code' ? maskCode(value) : value,
      ]),
    });
    const verifier = await pendingVerifier(state);
    try {
      const user = await userManager.signinRedirectCallback(checked.url);
      await stillCurrent(started, user);
      if (!user.access_token) {
        await userManager.removeUser();
        throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
      }
      await recordExchange(user, verifier);
      await signedIn(user);
      const data = user.state as Partial<SignInRequestData> | undefined;
      return safeReturnPath(data?.returnTo, origin);
    } catch (error) {
      const problem = toAuthProblem(error);
      if (error instanceof ErrorResponse && error.form) {
        flow.add({ type: 'token-exchange', at: Date.now(), ok: false, error: String(error) });
      }
      // A token endpoint error carries no state: only the redirect's own errors do.
      const data =
        error instanceof ErrorResponse
          ? (error.state as Partial<SignInRequestData> | undefined)
          : undefined;
      throw new AuthProblemError(problem, data?.bounce === true);
    }
  }

  async function getAccessToken() {
    const user = await userManager.getUser();
    if (!user || store.getState().status !== 'signed-in') {
      throw new AuthProblemError({ kind: 'signed-out' });
    }
    if ((user.expires_in ?? Infinity) > minimumValiditySeconds) return user.access_token;
    // Another caller's refresh may have renewed the token while this one read it: a second
    // refresh right after the first would spend the rotated refresh token for nothing.
    const current = await userManager.getUser();
    const renewedMeanwhile =
      current !== null &&
      current.access_token !== user.access_token &&
      (current.expires_in ?? Infinity) > minimumValiditySeconds;
    if (!renewedMeanwhile) await refresh();
    const renewed = await userManager.getUser();
    if (!renewed) throw new AuthProblemError({ kind: 'signed-out' });
    return renewed.access_token;
  }

  return {
    signIn,
    finishCallback,
    getAccessToken,
    probes: createInstanceProbes(config, redirectUri, flow.events, getAccessToken),
    refresh,
    renew,
    endSession: () => forget('session-ended'),
    /** Another tab signed out while this page could not hear it (frozen in the back/forward cache). */
    signedOutElsewhere: () => signOutHere('other-tab'),
    async signOut() {
      channel?.postMessage('signed-out');
      await signOutHere('this-tab');
    },
  };
}
