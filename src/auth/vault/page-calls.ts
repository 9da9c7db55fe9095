import type { PagePort } from './tab-roll';

/**
 * The API calls in flight, per page, by request id: a page may cancel one of its own, and a page
 * that leaves ends all of its own.
 */
export function createPageCalls() {
  const calls = new Map<PagePort, Map<number, AbortController>>();

  return {
    /** Runs `call` with a signal that `cancel` or `end` aborts, until it settles. */
    async run<T>(page: PagePort, id: number, call: (signal: AbortSignal) => Promise<T>) {
      const controller = new AbortController();
      const pageCalls = calls.get(page) ?? new Map<number, AbortController>();
      calls.set(page, pageCalls);
      pageCalls.set(id, controller);
      try {
        return await call(controller.signal);
      } finally {
        pageCalls.delete(id);
      }
    },
    cancel(page: PagePort, id: number) {
      calls.get(page)?.get(id)?.abort();
    },
    end(page: PagePort) {
      calls.get(page)?.forEach((call) => {
        call.abort();
      });
      calls.delete(page);
    },
  };
}
