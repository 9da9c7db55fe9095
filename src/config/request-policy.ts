/**
 * How long the app waits for Workfront, and how long it lets Workfront make it wait: the one place
 * these are set, for the auth module and the REST client alike.
 */
export const requestPolicy = {
  /** Token exchange, refresh and revoke: small answers, so a slow one is a stuck one. */
  tokenTimeoutSeconds: 10,
  /** REST API calls: a 2000-item page of a large instance can take a while. */
  apiTimeoutSeconds: 30,
  /** Each request of "Check this Workfront": all small, so a slow one is a stuck one. */
  checkTimeoutSeconds: 10,
  /** The longest `Retry-After` honoured; a longer one is waited this long, then retried. */
  maxRetryAfterSeconds: 60,
} as const;

/**
 * The wait a 429 or 503 asks for in `Retry-After` (seconds, or an HTTP date), capped, in
 * milliseconds; undefined when it asks for none.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  let seconds = NaN;
  if (/^\s*\d+\s*$/.test(header)) seconds = Number(header);
  // An HTTP date names its weekday and month.
  else if (/[a-z]{3}/i.test(header)) seconds = (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(seconds, 0), requestPolicy.maxRetryAfterSeconds) * 1000;
}
