/**
 * Workfront's token errors are undocumented. Three shapes are known to answer:
 * - RFC 6749: `{"error": "invalid_grant", "error_description": "…"}`;
 * - `{"statusCode": 400, "error": "Bad Request", "type": "invalid_grant", "message": "…"}`;
 * - the same with `"error": true`, the shape a production integration parses
 *   (bb-io/AdobeWorkfront, TokenErrorDto.cs).
 *
 * oidc-client-ts understands only the first, and keeps nothing else of the body: from the other
 * two it would see `error: "Bad Request"` or `error: true`, and the OAuth code in `type` would be
 * lost. It has no fetch hook either (authts/oidc-client-ts#944). So the token endpoint's error
 * answers are rewritten into RFC 6749 before the library reads them.
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
 * oidc-client-ts calls the global `fetch`, so that is the one to wrap: once per vault, and again
 * from the original for a new vault (the unit tests make many). Returns the original, for
 * requests that must not be rewritten.
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
