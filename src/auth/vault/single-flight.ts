/**
 * Wraps an async task so that callers who arrive while it runs share the same promise. Many
 * queries that find the access token expiring at once therefore cause one token request. The
 * task runs with the arguments of the caller who started it.
 */
export function singleFlight<A extends unknown[], T>(
  task: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return (...args) => {
    inFlight ??= task(...args).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
