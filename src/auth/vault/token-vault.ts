// Imported first, so that oidc-client-ts comes first in the worker's bundle and the vault's own
// modules stay together after it: gzip finds their repeats only within 32 kB of each other.
import {
  apiHeaders,
  lifetimeSeconds,
  logout,
  refreshStateOf,
  revokeRefreshToken,
  userIdOf,
  watchTokenEndpoint,
  workfrontClient,
} from './workfront-oauth';
import {
  ErrorResponse,
  InMemoryWebStorage,
  WebStorageStateStore,
  type SigninResponse,
} from 'oidc-client-ts';
import { AuthProblemError } from '../auth-errors';
import type { RefreshReason } from '../flow-events';
import type {
  ApiAnswer,
  ApiRequest,
  Credential,
  SignInFinished,
  SignInStarted,
} from '../vault-protocol';
import { VaultError, type VaultSettings } from '../vault-protocol';
import { checkApiRequest } from './api-request-check';
import { answerLost, endsSession, problemFailure } from './oidc-errors';
import { singleFlight } from './single-flight';
import { answerOf, type VaultEvents } from './vault-events';

/** What a sign-in request carries through Workfront and back, in its `state`. */
interface SignInRequestData {
  returnTo: string;
  /** Started by the app after a reload rather than by the user. */
  bounce: boolean;
}

interface Tokens {
  access: string;
  refresh?: string;
  scope?: string;
  /** On the vault's clock, in milliseconds. */
  expiresAt: number;
  credential: Credential;
  userId: string | null;
}

export type VaultSignOutReason = 'signed-out' | 'session-ended';

/**
 * The tokens, and everything done with them: the code exchange, refreshes, API calls, the
 * revoke. oidc-client-ts's OidcClient does the OAuth work, bent to Workfront in
 * workfront-oauth.ts; this keeps what it returns, and never lets a token out.
 */
export function createTokenVault(settings: VaultSettings, events: VaultEvents) {
  const notes = watchTokenEndpoint(settings);
  // The sign-in requests in flight live in memory only: the page keeps each across the redirect.
  const signInRequests = new WebStorageStateStore({ store: new InMemoryWebStorage() });
  const client = workfrontClient(settings, signInRequests);

  let tokens: Tokens | undefined;
  let lastCredential = 0;
  let signedOutReason: 'none' | VaultSignOutReason = 'none';
  /**
   * Bumped by every end of a refresh chain: a sign-out, here or in another tab, or a sign-in that
   * replaces the session. A refresh or a code exchange that started before it may finish after
   * it; its tokens are then thrown away and revoked, never kept.
   */
  let generation = 0;
  /** The last refresh's answer was lost: a refusal now may be of a token Workfront rotated. */
  let outcomeUnknown = false;

  function keep(answer: SigninResponse) {
    lastCredential += 1;
    const wid = userIdOf(notes.lastAnswer);
    tokens = {
      access: answer.access_token,
      ...(answer.refresh_token ? { refresh: answer.refresh_token } : {}),
      ...(answer.scope ? { scope: answer.scope } : {}),
      expiresAt: Date.now() + lifetimeSeconds(answer.expires_in) * 1000,
      credential: lastCredential,
      userId: wid ?? tokens?.userId ?? null,
    };
    signedOutReason = 'none';
    events.changed();
  }

  /** Throws if a sign-out came since `started`, after revoking what arrived. */
  function stillCurrent(started: number, arrived: SigninResponse) {
    if (generation === started) return;
    void revoke(arrived.refresh_token);
    throw new VaultError({ kind: 'signed-out' });
  }

  async function beginSignIn(returnTo: string, bounce: boolean): Promise<SignInStarted> {
    const data: SignInRequestData = { returnTo, bounce };
    const request = await client.createSigninRequest({ state: data });
    const stateId = request.state.id;
    const pendingSignIn = (await signInRequests.remove(stateId)) ?? '';
    // The page keeps it in sessionStorage across the redirect, and hands it back at the callback.
    return { url: request.url, stateId, pendingSignIn };
  }

  async function finishSignIn(url: string, pendingSignIn: string): Promise<SignInFinished> {
    const started = generation;
    const stateId = new URL(url).searchParams.get('state') ?? '';
    let pending: { id?: unknown };
    try {
      pending = JSON.parse(pendingSignIn) as typeof pending;
    } catch {
      pending = {};
    }
    if (pending.id !== stateId) {
      throw new VaultError({
        kind: 'problem',
        problem: { kind: 'state-mismatch', detail: 'unknown-state' },
        afterBounce: false,
        endsSession: false,
      });
    }
    await signInRequests.set(stateId, pendingSignIn);
    let response: SigninResponse;
    try {
      response = await client.processSigninResponse(url);
    } catch (error) {
      if (error instanceof ErrorResponse && error.form) {
        await events.flow?.({
          type: 'token-exchange',
          at: Date.now(),
          ok: false,
          error: String(error),
        });
      }
      // A token endpoint error carries no state: only the redirect's own errors do.
      throw new VaultError(problemFailure(error));
    } finally {
      await signInRequests.remove(stateId);
    }
    stillCurrent(started, response);
    if (!response.access_token) {
      throw new VaultError(
        problemFailure(
          new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' }),
        ),
      );
    }
    const userId = userIdOf(notes.lastAnswer);
    makeRoomFor(userId);
    keep(response);
    if (userId !== null) events.signedIn?.(userId);
    await events.flow?.({
      type: 'exchanged',
      answer: answerOf(response),
      asSent: notes.lastAnswer,
    });
    const data = response.userState as Partial<SignInRequestData> | undefined;
    return { returnTo: data?.returnTo ?? '/' };
  }

  /**
   * One user per vault. A sign-in that arrives while the vault holds a session (another tab's
   * sign-in, a bounce) replaces it: for the same user, its refresh token is revoked; for another
   * user, or one Workfront does not name, the first user is signed out first, everywhere.
   */
  function makeRoomFor(userId: string | null) {
    if (!tokens) return;
    if (userId === null || userId !== tokens.userId) {
      signOut();
      return;
    }
    newChain();
    void revoke(tokens.refresh);
  }

  /**
   * Another vault of this client signed `userId` in (a per-tab vault of another tab, another
   * release's): a session of someone else here ends, so that no tab acts for the first user.
   */
  function signedInElsewhere(userId: string) {
    if (tokens && tokens.userId !== userId) signOut(false, true);
  }

  function forget(reason: VaultSignOutReason) {
    tokens = undefined;
    signedOutReason = reason;
    events.changed();
  }

  let pendingReason: RefreshReason = 'expiring';
  /**
   * One refresh at a time, for every tab of the vault. The Web Lock keeps it exclusive for the
   * whole exchange, until the rotated refresh token is kept, so the old one is never sent twice.
   * Each session has its own: a refresh of the next one never joins a flight of the last.
   */
  const newFlight = () =>
    singleFlight(async () => {
      notes.askedWaitMs = undefined;
      await redeemUnderLock();
    });
  let flight = newFlight();

  /** The refresh chain ends (a sign-out, a sign-in that replaces it): what is in flight is void. */
  function newChain() {
    generation += 1;
    flight = newFlight();
    outcomeUnknown = false;
  }

  /** Redeems the session's refresh token once the Web Lock is this vault's, and keeps the answer. */
  async function redeemUnderLock() {
    const reason = pendingReason;
    const started = generation;
    const before = tokens;
    if (!before?.refresh) {
      throw new AuthProblemError({
        kind: 'token-error',
        error: 'no_refresh_token',
        description: 'Workfront issued no refresh token; ask for the offline_access scope.',
      });
    }
    const refreshToken = before.refresh;
    const redeem = async () => {
      try {
        const refreshed = await client.useRefreshToken({
          state: refreshStateOf(refreshToken, before.scope),
          redirect_uri: settings.redirectUri,
        });
        stillCurrent(started, refreshed);
        if (!refreshed.access_token) {
          throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
        }
        // Workfront may keep the refresh token as it is rather than rotate it.
        if (!refreshed.refresh_token) refreshed.refresh_token = refreshToken;
        keep(refreshed);
        await events.flow?.({
          type: 'refreshed',
          reason,
          answer: answerOf(refreshed),
          refreshTokenBefore: refreshToken,
        });
      } catch (error) {
        // Thrown away after a sign-out too: the timeline shows the refresh that did not count.
        await events.flow?.({
          type: 'refresh',
          at: Date.now(),
          reason,
          ok: false,
          error: String(error),
        });
        throw error;
      }
    };
    await (typeof navigator !== 'undefined' && 'locks' in navigator
      ? navigator.locks.request(`workfront-refresh:${settings.clientId}`, redeem)
      : redeem());
  }

  /**
   * Refreshes, unless the tokens changed since the page saw `credential` (another tab, or another
   * caller, refreshed meanwhile): a second refresh would spend the rotated token for nothing.
   */
  async function refresh(reason: RefreshReason, credential: Credential | null): Promise<void> {
    if (!tokens) throw new VaultError({ kind: 'signed-out' });
    if (credential !== null && credential !== tokens.credential) return;
    const started = generation;
    pendingReason = reason;
    try {
      await flight();
      outcomeUnknown = false;
    } catch (error) {
      if (error instanceof VaultError) throw error;
      if (answerLost(error)) {
        // Of this session only: a sign-out meanwhile ended the chain it belonged to.
        if (generation === started) outcomeUnknown = true;
        throw new VaultError({ kind: 'network', detail: String(error) });
      }
      // Unless a sign-out came meanwhile, and there is no session left to end.
      if (endsSession(error) && generation === started) {
        if (outcomeUnknown) {
          // Not a real refusal: the page signs in again through Workfront's own session, with
          // no prompt, back to the same page, and its new tokens replace these dead ones.
          outcomeUnknown = false;
          throw new VaultError({ kind: 'bounce' });
        }
        forget('session-ended');
      }
      throw new VaultError(problemFailure(error, notes.askedWaitMs));
    }
  }

  async function callApi(
    request: ApiRequest,
    signal: AbortSignal,
    bearer = false,
  ): Promise<ApiAnswer> {
    const refusal = checkApiRequest(request, settings.apiBase);
    if (refusal) throw new VaultError({ kind: 'refused', detail: refusal });
    const used = tokens;
    if (!used) throw new VaultError({ kind: 'signed-out' });
    const headers = apiHeaders(used.access, bearer);
    if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    let response: Response;
    let body: string;
    try {
      response = await notes.rawFetch(request.url, {
        method: request.method,
        headers,
        body: request.form,
        signal,
        redirect: 'error', // a redirect would take the token to a URL the check never saw
      });
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw new VaultError({ kind: 'cancelled' });
      throw new VaultError({ kind: 'network', detail: String(error) });
    }
    return {
      status: response.status,
      retryAfter: response.headers.get('Retry-After'),
      headerNames: [...response.headers.keys()].sort(),
      body,
      credential: used.credential,
    };
  }

  /**
   * Revokes a refresh token, and with it its whole rotation chain. Best effort: a missing
   * endpoint (404) or a network failure never holds the sign-out up; the inspector shows how it
   * went.
   */
  async function revoke(refreshToken: string | undefined) {
    if (!refreshToken) return;
    try {
      const response = await revokeRefreshToken(settings, refreshToken);
      await events.flow?.({
        type: 'revoke',
        at: Date.now(),
        ok: response.ok,
        status: response.status,
      });
    } catch (error) {
      await events.flow?.({ type: 'revoke', at: Date.now(), ok: false, error: String(error) });
    }
  }

  /** Ends the API session behind an access token (Workfront's logout). Best effort. */
  async function endApiSession(accessToken: string) {
    try {
      await logout(settings, notes.rawFetch, accessToken);
    } catch {
      // Nothing to do: the tokens are gone here, and the revoke ends the refresh chain.
    }
  }

  /**
   * Signs out at once: the tokens are gone before any request to Workfront, which then ends the
   * API session and revokes the refresh chain in the background. `ended`: Workfront refused even
   * a fresh token, so the session is over rather than ended by the user.
   */
  function signOut(ended = false, toldByOtherTab = false) {
    newChain();
    const had = tokens;
    if (!had) return;
    forget(ended ? 'session-ended' : 'signed-out');
    if (!ended && !toldByOtherTab) events.signedOut?.();
    // logout first: Workfront may refuse it (401) once the revoke has ended the session.
    void endApiSession(had.access).then(() => revoke(had.refresh));
  }

  return {
    beginSignIn,
    finishSignIn,
    refresh,
    callApi,
    signOut,
    signedInElsewhere,
    /** Only what the page may know: never a token. */
    state() {
      return tokens
        ? {
            status: 'signed-in' as const,
            expiresInMs: tokens.expiresAt - Date.now(),
            credential: tokens.credential,
            userId: tokens.userId,
          }
        : { status: 'signed-out' as const, reason: signedOutReason };
    },
  };
}

export type TokenVault = ReturnType<typeof createTokenVault>;
