/** A failed call to Workfront's REST API, carrying what Workfront said. */
export class WorkfrontApiError extends Error {
  constructor(
    /** `session`: no usable access token could be had (the refresh failed). */
    readonly kind: 'authentication' | 'workfront' | 'http' | 'malformed' | 'network' | 'session',
    message: string,
    readonly details: { status?: number; errorClass?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WorkfrontApiError';
  }
}

/**
 * A failure that may not happen again: the network, a 5xx without Workfront's own error (a
 * proxy's page), Workfront's limit on concurrent requests (429/503), or a refresh that failed on
 * the way (had the session ended, the auth module has already ended it). Its other refusals, and
 * data this app cannot read, come back the same on a retry.
 */
export function isWorthRetrying(error: unknown): boolean {
  if (!(error instanceof WorkfrontApiError)) return false;
  const status = error.details.status ?? 0;
  switch (error.kind) {
    case 'network':
    case 'session':
      return true;
    case 'http':
      return status >= 500;
    case 'workfront':
      return status === 429 || status === 503;
    default:
      return false;
  }
}
