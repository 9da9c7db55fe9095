/**
 * The page's calls that need the session: a refresh, and a Workfront API request, which refreshes
 * first when the token is nearly spent. The vault holds the tokens and makes both requests.
 */
import type { RefreshReason } from '../flow-events';
import { minimumValiditySeconds } from '../refresh-schedule';
import { VaultError, type ApiAnswer, type ApiRequest, type Credential } from '../vault-protocol';
import type { SessionStore } from './session-store';
import type { VaultConnection } from './vault-connection';

/**
 * `vault`: the vault, opened when first needed (vault-link.ts). `bounce`: signs in again through
 * Workfront's own session, back to `path` (sign-in.ts).
 */
export function createVaultCalls(
  store: SessionStore,
  vault: () => Promise<VaultConnection>,
  bounce: (path: string) => Promise<void>,
) {
  /** One refresh in the vault; a failure comes as the vault put it. */
  async function refresh(reason: RefreshReason, seen: Credential | null) {
    try {
      store.apply(await (await vault()).request({ type: 'refresh', reason, credential: seen }));
    } catch (error) {
      if (error instanceof VaultError && error.failure.kind === 'bounce') {
        // The refresh's answer was lost and Workfront then refused the token: sign in again
        // through Workfront's own session, with no prompt, back to this very page.
        const { pathname, search, hash } = window.location;
        await bounce(`${pathname}${search}${hash}`).catch(() => undefined);
      }
      throw error;
    }
  }

  async function send(
    request: ApiRequest,
    signal?: AbortSignal,
    bearer?: boolean,
  ): Promise<ApiAnswer | 'no-session'> {
    const state = store.state();
    if (state.status !== 'signed-in') return 'no-session';
    try {
      if (state.expiresAt - Date.now() <= minimumValiditySeconds * 1000) {
        await refresh('expiring', store.credential());
      }
    } catch {
      return 'no-session';
    }
    try {
      return await (await vault()).request({ type: 'call-api', request, bearer }, signal);
    } catch (error) {
      if (error instanceof VaultError && error.failure.kind === 'signed-out') return 'no-session';
      throw error;
    }
  }

  return { refresh, send };
}
