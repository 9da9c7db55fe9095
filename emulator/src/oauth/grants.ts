import { randomHex, randomUrlSafe } from '../random.ts';
import type { AccessTokenStore } from './access-tokens.ts';
import type { OAuthApp } from './apps.ts';

/** One sign-in of a user to an app: the chain of tokens that a single code exchange starts. */
export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scope: string[];
  startedAt: number;
}

interface RefreshTokenRecord {
  grantId: string;
  lastUsedAt: number;
  rotatedOut: boolean;
}

/** Which limit an expiry forced from the control API stands for. */
export type RefreshLimit = 'absolute' | 'inactivity';

export type RefreshOutcome =
  { ok: true; grant: Grant; refreshToken: string } | { ok: false; description: string };

export interface GrantStore {
  start(fields: Omit<Grant, 'id' | 'startedAt'>): Grant;
  issueRefreshToken(grantId: string): string;
  /** Redeems a refresh token under the app's current rotation and expiration settings. */
  redeemRefreshToken(token: string, app: OAuthApp): RefreshOutcome;
  /** The grant of a refresh token, current or rotated out; undefined once revoked or unknown. */
  grantOfRefreshToken(token: string): Grant | undefined;
  /** Ends the grant: its refresh tokens and its access tokens stop working. */
  revoke(grantId: string): void;
  revokeClient(clientId: string): void;
  /** Ends every grant now, as if each had reached `limit`; for demos and tests. */
  expireAll(limit: RefreshLimit): void;
  revokeAll(): void;
  clear(): void;
}

const expiryDescriptions: Record<RefreshLimit, string> = {
  absolute: 'The refresh token passed its absolute expiration',
  inactivity: 'The refresh token expired after inactivity',
};

export function createGrantStore(accessTokens: AccessTokenStore, now: () => number): GrantStore {
  const grants = new Map<string, Grant>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const forcedExpiry = new Map<string, RefreshLimit>();

  function issueRefreshToken(grantId: string): string {
    const token = randomUrlSafe(32);
    refreshTokens.set(token, { grantId, lastUsedAt: now(), rotatedOut: false });
    return token;
  }

  function revoke(grantId: string): void {
    grants.delete(grantId);
    for (const [token, record] of refreshTokens) {
      if (record.grantId === grantId) refreshTokens.delete(token);
    }
    accessTokens.revokeGrant(grantId);
  }

  return {
    start(fields) {
      const grant = { ...fields, id: randomHex(16), startedAt: now() };
      grants.set(grant.id, grant);
      return grant;
    },
    issueRefreshToken,
    redeemRefreshToken(token, app) {
      const record = refreshTokens.get(token);
      const grant = record && grants.get(record.grantId);
      if (!record || !grant)
        return { ok: false, description: 'The refresh token is unknown or revoked' };
      if (grant.clientId !== app.clientId) {
        return { ok: false, description: 'The refresh token was issued to another client' };
      }
      // RFC 9700 section 4.14.2: a rotated-out token in use means it leaked, so end the chain.
      if (record.rotatedOut) {
        revoke(grant.id);
        return {
          ok: false,
          description: 'The refresh token was already used; its chain is revoked',
        };
      }
      const forced = forcedExpiry.get(grant.id);
      if (forced) return { ok: false, description: expiryDescriptions[forced] };
      const time = now();
      const absoluteSeconds = app.absoluteExpirationSeconds;
      if (absoluteSeconds !== null && time >= grant.startedAt + absoluteSeconds * 1000) {
        return { ok: false, description: expiryDescriptions.absolute };
      }
      if (time >= record.lastUsedAt + app.inactivityExpirationSeconds * 1000) {
        return { ok: false, description: expiryDescriptions.inactivity };
      }
      if (!app.rotateRefreshToken) {
        record.lastUsedAt = time;
        return { ok: true, grant, refreshToken: token };
      }
      record.rotatedOut = true;
      return { ok: true, grant, refreshToken: issueRefreshToken(grant.id) };
    },
    grantOfRefreshToken(token) {
      const record = refreshTokens.get(token);
      return record && grants.get(record.grantId);
    },
    revoke,
    revokeClient(clientId) {
      for (const grant of grants.values()) {
        if (grant.clientId === clientId) revoke(grant.id);
      }
    },
    expireAll(limit) {
      for (const grantId of grants.keys()) forcedExpiry.set(grantId, limit);
    },
    revokeAll() {
      for (const grantId of [...grants.keys()]) revoke(grantId);
    },
    clear() {
      grants.clear();
      refreshTokens.clear();
      forcedExpiry.clear();
    },
  };
}
