/** A failed call to Workfront's REST API, carrying what Workfront said. */
export class WorkfrontApiError extends Error {
  constructor(
    /**
     * `session`: no usable access token could be had (the refresh failed). `timeout`: Workfront
     * did not answer in time (src/config/request-policy.ts).
     */
    readonly kind:
      'authentication' | 'workfront' | 'http' | 'malformed' | 'network' | 'timeout' | 'session',
    message: string,
    readonly details: {
      status?: number;
      errorClass?: string;
      /** The wait `Retry-After` asked for, capped (src/config/request-policy.ts). */
      retryAfterMs?: number;
      /** How long the app waited, for a `timeout`. */
      timeoutSeconds?: number;
    } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WorkfrontApiError';
  }
}

/**
 * A failure that may not happen again: the network, a 5xx without Workfront's own error (a
 * proxy's page), a rate limit or Workfront's limit on concurrent requests (429/503), or a refresh that failed on
 * the way (had the session ended, the auth module has already ended it). Its other refusals, and
 * data this app cannot read, come back the same on a retry. A timeout is not retried by itself:
 * the user has waited long enough, and chooses to Retry.
 */
export function isWorthRetrying(error: unknown): boolean {
  if (!(error instanceof WorkfrontApiError)) return false;
  const status = error.details.status ?? 0;
  switch (error.kind) {
    case 'network':
    case 'session':
      return true;
    case 'http':
      return status >= 500 || status === 429;
    case 'workfront':
      return status === 429 || status === 503;
    default:
      return false;
  }
}

/**
 * How long to wait before retry number `failures` (counted from 0): what `Retry-After` asked
 * for, else TanStack Query's own backoff of 1, 2, 4… seconds up to 30.
 */
export function retryDelayMs(failures: number, error: unknown): number {
  const asked = error instanceof WorkfrontApiError ? error.details.retryAfterMs : undefined;
  return asked ?? Math.min(1000 * 2 ** failures, 30_000);
}

/**
 * Workfront has no such object, or none this user may see (404, 403): asking again cannot help,
 * so the screen says so and offers no Retry.
 */
export function isNotFound(error: unknown): boolean {
  const status = error instanceof WorkfrontApiError ? error.details.status : undefined;
  return status === 404 || status === 403;
}
