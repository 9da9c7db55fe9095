/**
 * The expiry timer: refreshes refreshMarginSeconds before the access token expires, retries a
 * refresh that failed for a passing reason while the token still works, and refreshes at once
 * when the tab comes back (visible again, or online) with its token stale.
 */
import type { RefreshReason } from '../flow-events';
import { refreshMarginSeconds, retryDelaysMs } from '../refresh-schedule';
import { VaultError, type Credential } from '../vault-protocol';
import type { SessionStore } from './session-store';

/**
 * `refresh`: one refresh in the vault; a failure comes as the vault put it (a VaultError).
 * `signal`: aborted when the client is disposed; the listeners and timers here end with it.
 */
export function createExpiryTimer(
  store: SessionStore,
  refresh: (reason: RefreshReason, seen: Credential | null) => Promise<unknown>,
  signal: AbortSignal,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = (delayMs: number) =>
    new Promise((resolve) => {
      const waiting = setTimeout(resolve, delayMs);
      signal.addEventListener('abort', () => {
        clearTimeout(waiting);
      });
    });

  /** Refreshes, and retries transient failures while the current access token still works. */
  async function run(reason: RefreshReason, seen: Credential | null) {
    const started = store.state();
    let askedWaitMs = 0;
    for (const scheduledMs of [0, ...retryDelaysMs]) {
      const delayMs = Math.max(scheduledMs, askedWaitMs);
      if (delayMs > 0) await wait(delayMs);
      const state = store.state();
      if (state.status !== 'signed-in' || Date.now() >= state.expiresAt) return;
      // Another refresh (the tab coming back, a refused call, another tab) came first.
      if (started.status === 'signed-in' && state.expiresAt !== started.expiresAt) return;
      try {
        await refresh(reason, seen);
        return;
      } catch (error) {
        const failure = error instanceof VaultError ? error.failure : undefined;
        // Worth a retry: the network, a timeout, a 5xx or a rate limit.
        if (failure?.kind === 'problem' && !failure.endsSession) {
          askedWaitMs = failure.retryAfterMs ?? 0;
        } else if (failure?.kind !== 'network') {
          return;
        }
      }
    }
  }

  /** Each new token sets the timer anew, for the credential it came with; a sign-out stops it. */
  const unsubscribe = store.subscribe(() => {
    clearTimeout(timer);
    const state = store.state();
    if (state.status !== 'signed-in') return;
    const seen = store.credential();
    timer = setTimeout(
      () => void run('expiring', seen),
      Math.max(0, state.expiresAt - Date.now() - refreshMarginSeconds * 1000),
    );
  });
  signal.addEventListener('abort', () => {
    unsubscribe();
    clearTimeout(timer);
  });

  /**
   * After sleep or a time offline the expiry timer may have fired too late, or not at all:
   * refresh at once when the tab is seen again or back online, before its queries run.
   */
  function resume() {
    const state = store.state();
    if (state.status !== 'signed-in') return;
    if (state.expiresAt - Date.now() > refreshMarginSeconds * 1000) return;
    refresh('resumed', store.credential()).catch(() => undefined);
  }
  if (typeof document !== 'undefined') {
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'visible') resume();
      },
      { signal },
    );
  }
  window.addEventListener('online', resume, { signal });

  return { run };
}
