import type { OidcClient, SigninResponse, WebStorageStateStore } from 'oidc-client-ts';
import { lifetimeSeconds, userIdOf, type TokenEndpointNotes } from './workfront-oauth';
import type { RefreshReason } from '../flow-events';
import type { Credential, VaultSettings } from '../vault-protocol';
import type { VaultEvents } from './vault-events';

interface Tokens {
  access: string;
  refresh?: string;
  scope?: string;
  /** On the vault's clock, in milliseconds. */
  expiresAt: number;
  credential: Credential;
  userId: string | null;
}

type VaultSignOutReason = 'signed-out' | 'session-ended';

/**
 * The token vault from the inside, as its parts (vault-sign-in.ts, refresh-flight.ts,
 * api-call.ts, vault-sign-out.ts) share it: its settings and events, what the token endpoint said
 * (workfront-oauth.ts notes it here), oidc-client-ts's client bent to Workfront, and the session. One object, which each part takes as its first argument; it
 * never leaves them (token-vault.ts hands out only what they do with it).
 */
export interface Vault extends VaultSettings, VaultEvents, TokenEndpointNotes {
  /** OAuth2 and PKCE, by oidc-client-ts: its sign-in requests, code exchange and refresh. */
  readonly client: OidcClient;
  /** The sign-in requests in flight, in memory only: the page keeps each across the redirect. */
  readonly signInRequests: WebStorageStateStore;
  /** The session, if there is one. */
  tokens?: Tokens | undefined;
  /** The credential of the tokens kept last: every set kept has a new one. */
  lastCredential: number;
  signedOutReason: 'none' | VaultSignOutReason;
  /**
   * Bumped by every end of a refresh chain: a sign-out, here or in another tab, or a sign-in that
   * replaces the session. A refresh or a code exchange that started before it may finish after
   * it; its tokens are then thrown away and revoked, never kept.
   */
  generation: number;
  /** The refresh chain's flight (refresh-flight.ts), from its first refresh on. */
  flight?: ((reason: RefreshReason) => Promise<void>) | undefined;
}

/** Keeps a token answer as the session, under a new credential. */
export function keep(vault: Vault, answer: SigninResponse) {
  const wid = userIdOf(vault.lastAnswer);
  vault.tokens = {
    access: answer.access_token,
    ...(answer.refresh_token ? { refresh: answer.refresh_token } : {}),
    ...(answer.scope ? { scope: answer.scope } : {}),
    expiresAt: Date.now() + lifetimeSeconds(answer.expires_in) * 1000,
    credential: ++vault.lastCredential,
    userId: wid ?? vault.tokens?.userId ?? null,
  };
  vault.signedOutReason = 'none';
  vault.changed();
}

export function forget(vault: Vault, reason: VaultSignOutReason) {
  vault.tokens = undefined;
  vault.signedOutReason = reason;
  vault.changed();
}

/** The refresh chain ends (a sign-out, a sign-in that replaces it): what is in flight is void. */
export function newChain(vault: Vault) {
  vault.generation += 1;
  vault.flight = undefined;
}

/** Only what the page may know: never a token. */
export function sessionState({ tokens, signedOutReason }: Vault) {
  return tokens
    ? {
        status: 'signed-in' as const,
        expiresInMs: tokens.expiresAt - Date.now(),
        credential: tokens.credential,
        userId: tokens.userId,
      }
    : { status: 'signed-out' as const, reason: signedOutReason };
}
