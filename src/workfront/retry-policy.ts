import { isWorthRetrying, retryDelayMs } from './workfront-errors';

/** Up to three more attempts, and only for failures that may pass next time. */
export function retryTransientFailures(failures: number, error: Error): boolean {
  return failures < 3 && isWorthRetrying(error);
}

/**
 * How TanStack Query retries calls to Workfront: the count above, at the wait `Retry-After` asks
 * for or else 1, 2, then 4 seconds. Queries use it, and so do writes that are safe to send twice.
 */
export const workfrontRetryPolicy = { retry: retryTransientFailures, retryDelay: retryDelayMs };
