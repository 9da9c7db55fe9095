/**
 * What an observer hears of this tab's OAuth flow: what was sent and received, never a whole
 * token. Tokens appear as fingerprints, the first 8 hex digits of their SHA-256, enough to see
 * rotation happen (vault/flow-recorder.ts makes them, in the vault).
 */
export type FlowEvent =
  | { type: 'authorize'; at: number; url: string }
  | {
      type: 'callback';
      at: number;
      /** As Workfront sent them, the code masked. */
      params: [string, string][];
      /** The pending sign-in's `state` it completes, matched here if Workfront echoed none. */
      state: string;
    }
  | {
      type: 'pkce-proof';
      at: number;
      /** Sent with the code now, so spent: an observer may show it (and forget it at sign-out). */
      verifier: string;
    }
  | {
      type: 'token-exchange';
      at: number;
      ok: boolean;
      tokenType?: string;
      expiresIn?: number;
      scope?: string;
      accessFingerprint?: string;
      /** null when Workfront issued no refresh token. */
      refreshFingerprint?: string | null;
      /** The names of the token answer's fields, sorted. */
      answerKeys?: string[];
      /** `expires_in` as Workfront sent it; null when missing or unusable. */
      expiresInSent?: number | null;
      error?: string;
    }
  | {
      type: 'refresh';
      at: number;
      reason: RefreshReason;
      ok: boolean;
      accessFingerprint?: string;
      refreshFingerprint?: string | null;
      rotated?: boolean;
      tokenType?: string;
      expiresIn?: number;
      error?: string;
    }
  | {
      type: 'revoke';
      at: number;
      ok: boolean;
      /** The revoke endpoint's HTTP status; absent when the request never got an answer. */
      status?: number;
      error?: string;
    }
  | { type: 'signed-out'; at: number; how: 'this-tab' | 'other-tab' | 'session-ended' };

/**
 * Why a refresh ran: the expiry timer, Workfront refusing the token on an API call, a click, the
 * tab coming back (visible again, or online) with its token expired meanwhile, or "Check this
 * Workfront" learning whether the refresh token rotates.
 */
export type RefreshReason =
  'expiring' | 'rejected-by-workfront' | 'manual' | 'resumed' | 'instance-check';

/** What a callback parameter may show: the code only in part, since it is still live then. */
export function maskCode(code: string): string {
  return code.length <= 8 ? '••••' : `${code.slice(0, 4)}…${code.slice(-4)}`;
}
