/** src/auth/oidc-session.ts refreshes the access token this long before it expires. */
export const refreshAheadSeconds = 30;

/** oidc-client-ts checks its expiry timer every 5 seconds. */
const timerGranularitySeconds = 5;

/**
 * How long after a token is issued the app has surely started to refresh it: the due time, plus
 * two ticks of the timer, as the tick that lands on the due time may come a moment before it.
 */
export const untilRefreshMs = (accessTokenTtlSeconds: number) =>
  (accessTokenTtlSeconds - refreshAheadSeconds + 2 * timerGranularitySeconds) * 1000;
