import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { AuthProblemError, type AuthProblem } from '../auth-errors';
import type { VaultFailure } from '../vault-protocol';

/*
 * oidc-client-ts's errors, read in the token vault as problems the screens can explain. The page
 * never loads oidc-client-ts: what it sees of these is the AuthProblem.
 */

/** Errors after which a refresh token can never work again: the session is over. */
const sessionEndingErrors = new Set([
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_request',
  'invalid_scope',
]);

/** oidc-client-ts reports a non-JSON error answer as "<status text> (<status>)". */
function httpStatusOf(error: Error): number | undefined {
  const match = /\((\d{3})\)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/**
 * True when a refresh failed for good (revoked, expired by the absolute or inactivity limit,
 * reused after rotation). Network trouble, timeouts, rate limits and 5xx answers are worth a retry
 * instead.
 */
export function endsSession(error: unknown): boolean {
  if (error instanceof AuthProblemError) return error.problem.kind !== 'network';
  // Workfront's own shapes of token error arrive here in RFC 6749 form (workfront-oauth.ts).
  if (error instanceof ErrorResponse) return sessionEndingErrors.has(error.error ?? '');
  if (error instanceof ErrorTimeout || !(error instanceof Error)) return false;
  const status = httpStatusOf(error);
  // A rate limit (429) passes with time; any other 4xx refused the grant itself.
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

/** Turns whatever the sign-in callback threw into a problem the callback screen can explain. */
export function toAuthProblem(error: unknown): AuthProblem {
  if (error instanceof AuthProblemError) return error.problem;
  if (error instanceof ErrorResponse) {
    // oidc-client-ts sets `form` (the request's) only on errors from the token endpoint; a
    // refused refresh token is a token error, not a rejected code.
    if (error.form) {
      return error.error === 'invalid_grant' &&
        error.form.get('grant_type') === 'authorization_code'
        ? { kind: 'code-rejected', description: error.error_description }
        : {
            kind: 'token-error',
            error: error.error ?? 'unknown',
            description: error.error_description,
          };
    }
    return error.error === 'access_denied'
      ? { kind: 'access-denied' }
      : {
          kind: 'authorization-error',
          error: error.error ?? 'unknown',
          description: error.error_description,
        };
  }
  if (error instanceof ErrorTimeout || error instanceof TypeError) return { kind: 'network' };
  if (error instanceof SyntaxError || /content-type/i.test(String(error))) {
    return { kind: 'invalid-token-response', detail: String(error) };
  }
  if (error instanceof Error) {
    if (/no matching state|no state in response/i.test(error.message)) {
      return { kind: 'state-mismatch', detail: 'unknown-state' };
    }
    return { kind: 'unexpected', detail: error.message };
  }
  return { kind: 'unexpected', detail: String(error) };
}

/** A refresh timed out or lost its connection after it was sent: its outcome is unknown. */
export const answerLost = (error: unknown) =>
  error instanceof TypeError ||
  error instanceof ErrorTimeout ||
  (error instanceof DOMException && error.name === 'TimeoutError');

/** A sign-in or refresh error as the failure the page is told, with the wait it may be asked for. */
export function problemFailure(error: unknown, retryAfter?: number): VaultFailure {
  const afterBounce =
    error instanceof AuthProblemError
      ? error.afterReload
      : error instanceof ErrorResponse &&
        // The sign-in request's data (sign-in.ts), which the redirect's own errors carry.
        (error.state as { bounce?: unknown } | undefined)?.bounce === true;
  return {
    kind: 'problem',
    problem: toAuthProblem(error),
    afterBounce,
    endsSession: endsSession(error),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  };
}
