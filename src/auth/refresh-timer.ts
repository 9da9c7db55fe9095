/**
 * When this page asks the vault to refresh: shortly before the access token expires, again
 * after transient failures while the token still works, and at once when the tab comes back
 * from sleep or from offline too late for its timer. Every tab has its own timer; the vault
 * makes one token request for all that name the same credential.
 */
import type { RefreshReason } from './flow-log';
import { refreshMarginSeconds, retryDelaysMs } from './refresh-schedule';
import type { Credential } from './vault-protocol';
import { VaultError } from './vault-protocol';

export interface RefreshTimerParts {
  /** The page's session: when its access token expires (this page's clock), and its credential. */
  session: () => { expiresAt: number; credential: Credential } | undefined;
  /** Refreshes in the vault, unless the tokens changed since `seen`; rejects as the vault put it. */
  refresh: (reason: RefreshReason, seen: Credential | null) => Promise<void>;
}

export function createRefreshTimer(parts: RefreshTimerParts) {
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** A refresh that retries transient failures while the current access token still works. */
  async function refreshWithRetries(reason: RefreshReason, seen: Credential | null) {
    const started = parts.session()?.expiresAt;
    let askedWaitMs = 0;
    for (const scheduledMs of [0, ...retryDelaysMs]) {
      const delayMs = Math.max(scheduledMs, askedWaitMs);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const expiresAt = parts.session()?.expiresAt;
      if (expiresAt === undefined || Date.now() >= expiresAt) return;
      // Another refresh (the tab coming back, a refused call, another tab) came first.
      if (started !== undefined && expiresAt !== started) return;
      try {
        await parts.refresh(reason, seen);
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

  /** Refreshes `seen` a margin before `expiresAt`, instead of whatever was due before. */
  function schedule(expiresAt: number, seen: Credential) {
    clearTimeout(timer);
    timer = setTimeout(
      () => void refreshWithRetries('expiring', seen),
      Math.max(0, expiresAt - Date.now() - refreshMarginSeconds * 1000),
    );
  }

  /**
   * After sleep or a time offline the expiry timer may have fired too late, or not at all:
   * refresh at once when the tab is seen again or back online, before its queries run.
   */
  function refreshIfStale() {
    const session = parts.session();
    if (!session || session.expiresAt - Date.now() > refreshMarginSeconds * 1000) return;
    parts.refresh('resumed', session.credential).catch(() => undefined);
  }
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') refreshIfStale();
    });
  }
  window.addEventListener('online', refreshIfStale);

  return {
    schedule,
    cancel: () => {
      clearTimeout(timer);
    },
    refreshWithRetries,
  };
}
