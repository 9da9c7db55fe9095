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

/**
 * Wraps `fetch` so that error answers of the given endpoints come back in RFC 6749 form, and
 * reports the `Retry-After` of each, which oidc-client-ts does not keep either. Every other
 * request, and every success, passes through untouched.
 */
export function normalizeTokenErrors(
  fetchImpl: typeof fetch,
  endpoints: readonly string[],
  onRetryAfter: (header: string | null) => void = () => undefined,
) {
  const normalized: typeof fetch = async (input, init) => {
    const response = await fetchImpl(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (response.ok || !endpoints.includes(url)) return response;
    onRetryAfter(response.headers.get('Retry-After'));
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

let installed = false;

/** oidc-client-ts calls the global `fetch`, so that is the one to wrap, once per page. */
export function installTokenEndpointFetch(
  endpoints: readonly string[],
  onRetryAfter: (header: string | null) => void,
): void {
  if (installed) return;
  installed = true;
  globalThis.fetch = normalizeTokenErrors(
    globalThis.fetch.bind(globalThis),
    endpoints,
    onRetryAfter,
  );
}
