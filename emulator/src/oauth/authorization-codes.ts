import { randomUrlSafe } from '../random.ts';

/** Workfront: "The code is only valid for 2 minutes." */
const codeLifetimeMs = 120_000;

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  /** null for a web application that sent no challenge. */
  codeChallenge: string | null;
  scope: string[];
  userId: string;
  expiresAt: number;
  /** The grant the first exchange started; a second exchange revokes it. */
  redeemedBy: string | null;
}

export interface AuthorizationCodeStore {
  create(fields: Omit<AuthorizationCode, 'expiresAt' | 'redeemedBy'>): string;
  find(code: string): AuthorizationCode | undefined;
  clear(): void;
}

export function createAuthorizationCodeStore(now: () => number): AuthorizationCodeStore {
  const codes = new Map<string, AuthorizationCode>();
  return {
    create(fields) {
      const code = randomUrlSafe(32);
      codes.set(code, { ...fields, expiresAt: now() + codeLifetimeMs, redeemedBy: null });
      return code;
    },
    find: (code) => codes.get(code),
    clear() {
      codes.clear();
    },
  };
}
