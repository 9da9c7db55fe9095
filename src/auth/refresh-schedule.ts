/**
 * When tokens are refreshed, in one place: the margin before expiry, and the retries of a failed
 * refresh, which are derived from it.
 */

/** The expiry timer refreshes this long before the access token expires. */
export const refreshMarginSeconds = 30;

/** A token with less than this left is refreshed before it is used. */
export const minimumValiditySeconds = 10;

/**
 * The lifetime assumed when `expires_in` is missing or unusable: negative or not a number, or too
 * short to use. Taken as never expiring, the token would not be refreshed ahead and the countdown
 * would be wrong; taken as expired, every call would refresh first. Five minutes keeps the session
 * fresh for one token request per four and a half minutes, and a token Workfront refuses sooner is
 * refreshed on the refusal anyway.
 */
export const assumedLifetimeSeconds = 300;

/**
 * The waits before each retry of a failed refresh: doubling from a second, as many as fit in the
 * margin while the token still works (1 + 2 + 4 + 8 s for a 30 s margin, which leaves the last
 * retry 15 s of the old token). A `Retry-After` may ask for longer. Marked pure, so that the
 * vault's worker, which needs only the lifetimes above, leaves it out.
 */
export const retryDelaysMs: readonly number[] = /* @__PURE__ */ (() => {
  const delays: number[] = [];
  const budgetMs = (refreshMarginSeconds - minimumValiditySeconds) * 1000;
  for (let delay = 1_000, total = delay; total <= budgetMs; delay *= 2, total += delay) {
    delays.push(delay);
  }
  return delays;
})();
