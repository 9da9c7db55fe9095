import type { SigninResponse } from 'oidc-client-ts';
import { VaultError } from '../vault-protocol';
import { forget, newChain, type Vault } from './vault-session';
import { logout, revokeRefreshToken } from './workfront-oauth';

/**
 * Revokes a refresh token, and with it its whole rotation chain. Best effort: a missing
 * endpoint (404) or a network failure never holds the sign-out up; the inspector shows how it
 * went.
 */
export async function revoke(vault: Vault, refreshToken?: string) {
  if (!refreshToken) return;
  try {
    const response = await revokeRefreshToken(vault, refreshToken);
    await vault.flow?.({
      type: 'revoke',
      at: Date.now(),
      ok: response.ok,
      status: response.status,
    });
  } catch (error) {
    await vault.flow?.({ type: 'revoke', at: Date.now(), ok: false, error: String(error) });
  }
}

/** Throws if a sign-out came since `started`, after revoking what arrived. */
export function stillCurrent(vault: Vault, started: number, arrived: SigninResponse) {
  if (vault.generation === started) return;
  void revoke(vault, arrived.refresh_token);
  throw new VaultError({ kind: 'signed-out' });
}

/** Ends the API session behind an access token (Workfront's logout). Best effort. */
async function endApiSession(vault: Vault, accessToken: string) {
  try {
    await logout(vault, vault.rawFetch, accessToken);
  } catch {
    // Nothing to do: the tokens are gone here, and the revoke ends the refresh chain.
  }
}

/**
 * Signs out at once: the tokens are gone before any request to Workfront, which then ends the
 * API session and revokes the refresh chain in the background. `ended`: Workfront refused even
 * a fresh token, so the session is over rather than ended by the user.
 */
export function signOut(vault: Vault, ended = false, toldByOtherTab = false) {
  newChain(vault);
  const had = vault.tokens;
  if (!had) return;
  forget(vault, ended ? 'session-ended' : 'signed-out');
  if (!ended && !toldByOtherTab) vault.signedOut?.();
  // logout first: Workfront may refuse it (401) once the revoke has ended the session.
  void endApiSession(vault, had.access).then(() => revoke(vault, had.refresh));
}

/**
 * Another vault of this client signed `userId` in (a per-tab vault of another tab, another
 * release's): a session of someone else here ends, so that no tab acts for the first user.
 */
export function signedInElsewhere(vault: Vault, userId: string) {
  if (vault.tokens && vault.tokens.userId !== userId) signOut(vault, false, true);
}
