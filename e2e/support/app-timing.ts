import { refreshMarginSeconds } from '../../src/auth/refresh-schedule.ts';

/**
 * A little past the due time: the expiry timer is a timeout on the page's clock, which a test
 * runs forward; the slack covers a token issued a moment after the test read the time.
 */
const slackSeconds = 10;

/** How long after a token is issued the app has surely started to refresh it. */
export const untilRefreshMs = (accessTokenTtlSeconds: number) =>
  (accessTokenTtlSeconds - refreshMarginSeconds + slackSeconds) * 1000;
