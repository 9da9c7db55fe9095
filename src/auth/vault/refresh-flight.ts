import { AuthProblemError } from '../auth-errors';
import type { RefreshReason } from '../flow-events';
import { VaultError, type Credential } from '../vault-protocol';
import { answerLost, endsSession, problemFailure } from './oidc-errors';
import { singleFlight } from './single-flight';
import { answerOf } from './vault-events';
import { forget, keep, type Vault } from './vault-session';
import { stillCurrent } from './vault-sign-out';
import { refreshStateOf } from './workfront-oauth';

/** Redeems the session's refresh token once the Web Lock is this vault's, and keeps the answer. */
async function redeemUnderLock(vault: Vault, reason: RefreshReason) {
  const started = vault.generation;
  // The wait the token endpoint asks for is of this flight's answer, not of an earlier one.
  vault.askedWaitMs = undefined;
  const before = vault.tokens;
  if (!before?.refresh) {
    throw new AuthProblemError({
      kind: 'token-error',
      error: 'no_refresh_token',
      description: 'Workfront issued no refresh token; ask for the offline_access scope.',
    });
  }
  const refreshToken = before.refresh;
  const redeem = async () => {
    try {
      const refreshed = await vault.client.useRefreshToken({
        state: refreshStateOf(refreshToken, before.scope),
        redirect_uri: vault.redirectUri,
      });
      stillCurrent(vault, started, refreshed);
      if (!refreshed.access_token) {
        throw new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' });
      }
      // Workfront may keep the refresh token as it is rather than rotate it.
      if (!refreshed.refresh_token) refreshed.refresh_token = refreshToken;
      keep(vault, refreshed);
      await vault.flow?.({
        type: 'refreshed',
        reason,
        answer: answerOf(refreshed),
        refreshTokenBefore: refreshToken,
      });
    } catch (error) {
      // Thrown away after a sign-out too: the timeline shows the refresh that did not count.
      await vault.flow?.({
        type: 'refresh',
        at: Date.now(),
        reason,
        ok: false,
        error: String(error),
      });
      throw error;
    }
  };
  await (typeof navigator !== 'undefined' && 'locks' in navigator
    ? navigator.locks.request(`workfront-refresh:${vault.clientId}`, redeem)
    : redeem());
}

/**
 * A refresh chain's flight: one refresh at a time, for every tab of the vault. The Web Lock keeps
 * it exclusive for the whole exchange, until the rotated refresh token is kept, so the old one is
 * never sent twice. Each chain has its own: a refresh of the next one never joins a flight of the
 * last, nor inherits its lost answer.
 */
function newFlight(vault: Vault) {
  const flight = singleFlight((reason: RefreshReason) => redeemUnderLock(vault, reason));
  /** The last refresh's answer was lost: a refusal now may be of a token Workfront rotated. */
  let outcomeUnknown = false;
  return async (reason: RefreshReason) => {
    const started = vault.generation;
    try {
      await flight(reason);
      outcomeUnknown = false;
    } catch (error) {
      if (error instanceof VaultError) throw error;
      if (answerLost(error)) {
        // Of this chain only: after a sign-out meanwhile, the next chain has a flight of its own.
        outcomeUnknown = true;
        throw new VaultError({ kind: 'network', detail: String(error) });
      }
      // Unless a sign-out came meanwhile, and there is no session left to end.
      if (endsSession(error) && vault.generation === started) {
        if (outcomeUnknown) {
          // Not a real refusal: the page signs in again through Workfront's own session, with
          // no prompt, back to the same page, and its new tokens replace these dead ones.
          outcomeUnknown = false;
          throw new VaultError({ kind: 'bounce' });
        }
        forget(vault, 'session-ended');
      }
      throw new VaultError(problemFailure(error, vault.askedWaitMs));
    }
  };
}

/**
 * Refreshes, unless the tokens changed since the page saw `credential` (another tab, or another
 * caller, refreshed meanwhile): a second refresh would spend the rotated token for nothing.
 */
export async function refresh(
  vault: Vault,
  reason: RefreshReason,
  credential: Credential | null,
): Promise<void> {
  if (!vault.tokens) throw new VaultError({ kind: 'signed-out' });
  if (credential !== null && credential !== vault.tokens.credential) return;
  await (vault.flight ??= newFlight(vault))(reason);
}
