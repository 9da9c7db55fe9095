import { randomHex } from '../random.ts';

export interface AccessTokenOwner {
  userId: string;
  clientId: string;
}

interface AccessTokenRecord extends AccessTokenOwner {
  grantId: string;
  expiresAt: number;
}

/** Access tokens are Workfront session IDs: opaque, 32 hex characters, looked up on each call. */
export interface AccessTokenStore {
  issue(owner: AccessTokenOwner & { grantId: string }, ttlSeconds: number): string;
  resolve(token: string): AccessTokenOwner | null;
  revoke(token: string): void;
  revokeGrant(grantId: string): void;
  /** Every access token stops working now; refresh tokens are untouched. */
  expireAll(): void;
  clear(): void;
}

export function createAccessTokenStore(now: () => number): AccessTokenStore {
  const tokens = new Map<string, AccessTokenRecord>();
  return {
    issue(owner, ttlSeconds) {
      const token = randomHex(16);
      tokens.set(token, { ...owner, expiresAt: now() + ttlSeconds * 1000 });
      return token;
    },
    resolve(token) {
      const record = tokens.get(token);
      if (!record) return null;
      if (now() >= record.expiresAt) {
        tokens.delete(token);
        return null;
      }
      return { userId: record.userId, clientId: record.clientId };
    },
    revoke(token) {
      tokens.delete(token);
    },
    revokeGrant(grantId) {
      for (const [token, record] of tokens) {
        if (record.grantId === grantId) tokens.delete(token);
      }
    },
    expireAll() {
      tokens.clear();
    },
    clear() {
      tokens.clear();
    },
  };
}
