/**
 * Wraps an async task so that callers who arrive while it runs share the same promise. Many
 * queries that find the access token expiring at once therefore cause one token request.
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= task().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
