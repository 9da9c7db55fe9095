/**
 * Where Workfront differs from RFC 6749, and from what oidc-client-ts expects of an OAuth server:
 * every such point is here, each with its source in ../shared/workfront.md (its sections are
 * named: "The PKCE flow", "The REST API", and "What Workfront's own code and later docs add",
 * which is called "Later docs" below and wins over the others). The rest of the vault uses
 * oidc-client-ts as its documentation says.
 *
 * Not bent: the token requests stay form-encoded, as the PKCE guide documents and oidc-client-ts
 * sends them, although the token endpoint takes JSON too ("Later docs").
 */
import {
  OidcClient,
  type IdTokenClaims,
  type WebStorageStateStore,
  type UseRefreshTokenArgs,
} from 'oidc-client-ts';
import { requestPolicy, retryAfterMs } from '../../config/request-policy';
import { assumedLifetimeSeconds, minimumValiditySeconds } from '../refresh-schedule';
import type { VaultSettings } from '../vault-protocol';

/**
 * No discovery document, no `id_token`, no userinfo ("The PKCE flow"): the endpoints are set by
 * hand, and no user info is asked for.
 */
export function workfrontClient(settings: VaultSettings, signInRequests: WebStorageStateStore) {
  return new OidcClient({
    authority: settings.workfrontUrl,
    metadata: {
      issuer: settings.workfrontUrl,
      authorization_endpoint: settings.authorizationEndpoint,
      token_endpoint: settings.tokenEndpoint,
    },
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    scope: settings.scope,
    loadUserInfo: false,
    stateStore: signInRequests,
  });
}

/**
 * What oidc-client-ts needs to redeem a refresh token. Its RefreshState comes from a User, which
 * needs an ID token; Workfront issues none ("The PKCE flow"), so there are no claims.
 */
export function refreshStateOf(
  refreshToken: string,
  scope: string | undefined,
): UseRefreshTokenArgs['state'] {
  // oidc-client-ts does not export RefreshState, whose fields are all public.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return { refresh_token: refreshToken, scope, session_state: null, profile: {} as IdTokenClaims };
}

/**
 * The lifetime to count on. The code-flow doc's sample answer has `"expires_in": 0` ("Later
 * docs"), and the PKCE guide's may have none: a lifetime too short to use is replaced by the
 * assumed one (refresh-schedule.ts says why).
 */
export function lifetimeSeconds(expiresIn: number | undefined): number {
  return expiresIn === undefined || expiresIn <= minimumValiditySeconds
    ? assumedLifetimeSeconds
    : expiresIn;
}

/**
 * Workfront's ID of the user, `wid` in the code-flow guide's token answer ("The PKCE flow"), if
 * it sent one; oidc-client-ts keeps no field it does not know, so it is read from the body as sent.
 */
export function userIdOf(answer: unknown): string | null {
  const { wid } = (typeof answer === 'object' && answer !== null ? answer : {}) as {
    wid?: unknown;
  };
  return typeof wid === 'string' ? wid : null;
}

/**
 * The headers of an API call. Workfront takes the OAuth2 access token as a session ID, in a
 * `sessionID` header, whatever `token_type` says (`Bearer` or `sessionID`), and its own client
 * adds `X-Requested-With` ("The REST API"). `bearer`: RFC 6750's header, for the instance check.
 */
export function apiHeaders(accessToken: string, bearer: boolean): Record<string, string> {
  return bearer
    ? { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }
    : { sessionID: accessToken, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
}

/**
 * Revokes a refresh token, and with it its whole rotation chain. Workfront documents no revoke
 * endpoint; its own demo signs out at one with a JSON body of these names ("Later docs"), not
 * RFC 7009's form that oidc-client-ts's `revokeToken` sends. Its timeout is the token endpoint
 * fetch's (below), which wraps this endpoint too.
 */
export function revokeRefreshToken(settings: VaultSettings, refreshToken: string) {
  return fetch(settings.revocationEndpoint, {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      client_id: settings.clientId,
      refresh_token: refreshToken,
      redirect_uri: settings.redirectUri,
    }),
  });
}

/** Ends the API session behind an access token: `GET …/logout` with it ("The PKCE flow"). */
export function logout(settings: VaultSettings, rawFetch: typeof fetch, accessToken: string) {
  return rawFetch(`${settings.apiBase}/logout`, {
    headers: { sessionID: accessToken, Accept: 'application/json' },
    keepalive: true,
    signal: AbortSignal.timeout(requestPolicy.apiTimeoutSeconds * 1000),
  });
}

/*
 * Token errors are undocumented. Three shapes are known to answer:
 * - RFC 6749: `{"error": "invalid_grant", "error_description": "…"}`;
 * - `{"statusCode": 400, "error": "Bad Request", "type": "invalid_grant", "message": "…"}`,
 *   which third-party code parses ("The PKCE flow");
 * - the same with `"error": true`, the shape a production integration parses ("Later docs":
 *   bb-io/AdobeWorkfront, TokenErrorDto.cs).
 *
 * oidc-client-ts understands only the first, and keeps nothing else of the body: from the other
 * two it would see `error: "Bad Request"` or `error: true`, and the OAuth code in `type` would be
 * lost. So the token endpoint's error answers are rewritten into RFC 6749 before the library
 * reads them.
 */

interface Rfc6749Error {
  error: string;
  error_description?: string;
}

/** The RFC 6749 form of a Workfront-style token error body, or undefined if it is not one. */
export function toRfc6749TokenError(body: unknown, httpStatus: number): Rfc6749Error | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, type, message, statusCode } = body as Record<string, unknown>;
  const oauthCode = typeof type === 'string' && type !== '' ? type : undefined;
  const workfrontStyle =
    error === true ||
    (typeof error === 'string' && (oauthCode !== undefined || !isOAuthCode(error)));
  if (!workfrontStyle) return undefined;
  const status = typeof statusCode === 'number' ? statusCode : httpStatus;
  return {
    error: oauthCode ?? codeForStatus(status),
    ...(typeof message === 'string' ? { error_description: message } : {}),
  };
}

/** RFC 6749 codes are snake_case ASCII; a reason phrase such as "Bad Request" is not. */
function isOAuthCode(text: string): boolean {
  return /^[a-z_]+$/.test(text);
}

/** Without a `type`, the status says whether the grant was refused or the server was in trouble. */
function codeForStatus(status: number): string {
  if (status === 429 || status >= 500) return 'temporarily_unavailable';
  return status === 401 ? 'invalid_client' : 'invalid_grant';
}

export interface TokenEndpointFetchOptions {
  /** Called with the `Retry-After` of each error answer. */
  onRetryAfter?: (header: string | null) => void;
  /** Called with the body of each success, as sent: the library keeps `expires_in` only as a
   * time, recomputed on each read. */
  onAnswer?: (body: unknown) => void;
  /** Requests to the endpoints give up after this long, in real time. */
  timeoutMs?: number;
}

/**
 * Wraps `fetch` for the given endpoints: their error answers come back in RFC 6749 form, the
 * `Retry-After` of each and the body of each success are reported, and each request has a
 * timeout. Every other request passes through untouched.
 *
 * The timeout is here rather than in oidc-client-ts's `requestTimeoutInSeconds`: `signinSilent`
 * passes its own timeout, undefined unless given, over that setting (authts/oidc-client-ts#1414
 * and #1430 added it), so a refresh had none at all; and the library's timer is a page timer,
 * which a page frozen in the background, or a test's clock, moves out of step with the network.
 */
export function normalizeTokenErrors(
  fetchImpl: typeof fetch,
  endpoints: readonly string[],
  { onRetryAfter, onAnswer, timeoutMs }: TokenEndpointFetchOptions = {},
) {
  const normalized: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!endpoints.includes(url)) return fetchImpl(input, init);
    const signals = [
      init?.signal,
      timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    ].filter((signal) => signal != null);
    const response = await fetchImpl(input, {
      ...init,
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
    });
    if (response.ok) {
      if (onAnswer) {
        try {
          onAnswer(JSON.parse(await response.clone().text()));
        } catch {
          // Not JSON: the library reports it as it reads the answer itself.
        }
      }
      return response;
    }
    onRetryAfter?.(response.headers.get('Retry-After'));
    let body: unknown;
    try {
      body = JSON.parse(await response.clone().text());
    } catch {
      return response;
    }
    const rewritten = toRfc6749TokenError(body, response.status);
    if (!rewritten) return response;
    return new Response(JSON.stringify(rewritten), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return normalized;
}

/** The `fetch` from before the wrapping, and the wrapper. */
let unwrapped: typeof fetch | undefined;
let installed: typeof fetch | undefined;

/**
 * oidc-client-ts has no fetch hook (authts/oidc-client-ts#944) and calls the global `fetch`, so
 * that is the one to wrap: the one patch of a global in the vault. Once per vault, and again from
 * the original for a new vault (the unit tests make many). Returns the original, for requests
 * that must not be rewritten.
 */
export function installTokenEndpointFetch(
  endpoints: readonly string[],
  options: TokenEndpointFetchOptions,
): typeof fetch {
  // A fetch put in its place since (a test's stub) is the new original.
  if (!unwrapped || globalThis.fetch !== installed) unwrapped = globalThis.fetch.bind(globalThis);
  installed = normalizeTokenErrors(unwrapped, endpoints, options);
  globalThis.fetch = installed;
  return unwrapped;
}

/** What the token endpoint last said that oidc-client-ts does not pass on. */
export interface TokenEndpointNotes {
  /** The wait it last asked for with `Retry-After`. */
  askedWaitMs?: number | undefined;
  /** The body of its last success, as sent: for `wid`, and for the flow inspector. */
  lastAnswer?: unknown;
  /** The `fetch` from before the wrapping, for the API calls. */
  rawFetch: typeof fetch;
}

/** Wraps the global `fetch` for this vault's token and revoke endpoints, and notes what they say. */
export function watchTokenEndpoint(settings: VaultSettings): TokenEndpointNotes {
  const notes: TokenEndpointNotes = {
    rawFetch: installTokenEndpointFetch([settings.tokenEndpoint, settings.revocationEndpoint], {
      onRetryAfter: (header) => {
        notes.askedWaitMs = retryAfterMs(header);
      },
      onAnswer: (body) => {
        notes.lastAnswer = body;
      },
      timeoutMs: requestPolicy.tokenTimeoutSeconds * 1000,
    }),
  };
  return notes;
}
