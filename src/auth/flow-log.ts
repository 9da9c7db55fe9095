/**
 * This tab's OAuth story, for the flow inspector: what was sent and received, never a whole
 * token. Tokens appear as fingerprints, the first 8 hex digits of their SHA-256, enough to see
 * rotation happen. It lives in memory; only the authorize request crosses the redirect, in
 * sessionStorage, as part of the pending sign-in, and is removed when the sign-in completes.
 */
export type FlowEvent =
  | { type: 'authorize'; at: number; url: string }
  | { type: 'callback'; at: number; params: [string, string][] }
  | {
      type: 'pkce-proof';
      at: number;
      /** Spent, so safe to show; forgotten at sign-out all the same. */
      verifier: string | null;
      challenge: string;
      computed: string;
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

export interface FlowLog {
  events: () => readonly FlowEvent[];
  subscribe: (listener: () => void) => () => void;
  add: (event: FlowEvent) => void;
  /** Keeps the authorize URL across the redirect, keyed by its `state`. */
  rememberAuthorize: (state: string, url: string) => void;
  /** Takes back the authorize URL of the sign-in that `state` completes. */
  recallAuthorize: (state: string) => void;
  /** Drops what a sign-out must not leave behind: the PKCE verifier. */
  forgetSecrets: () => void;
}

const authorizeKeyPrefix = 'workfront.signin-authorize.';

export async function fingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest).slice(0, 4)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/** What a callback parameter may show: the code only in part, since it is still live then. */
export function maskCode(code: string): string {
  return code.length <= 8 ? '••••' : `${code.slice(0, 4)}…${code.slice(-4)}`;
}

export function createFlowLog(storage: Storage): FlowLog {
  let events: readonly FlowEvent[] = [];
  const listeners = new Set<() => void>();
  const add = (event: FlowEvent) => {
    events = [...events, event];
    listeners.forEach((listener) => {
      listener();
    });
  };
  return {
    events: () => events,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add,
    rememberAuthorize(state, url) {
      // Like the pending sign-in it belongs to, at most one per tab.
      Object.keys(storage)
        .filter((key) => key.startsWith(authorizeKeyPrefix))
        .forEach((key) => {
          storage.removeItem(key);
        });
      storage.setItem(`${authorizeKeyPrefix}${state}`, JSON.stringify({ at: Date.now(), url }));
    },
    forgetSecrets() {
      events = events.map((event) =>
        event.type === 'pkce-proof' ? { ...event, verifier: null } : event,
      );
      listeners.forEach((listener) => {
        listener();
      });
    },
    recallAuthorize(state) {
      const key = `${authorizeKeyPrefix}${state}`;
      const stored = storage.getItem(key);
      storage.removeItem(key);
      // Nothing remembered for a sign-in started elsewhere or a replayed URL.
      if (!stored) return;
      const { at, url } = JSON.parse(stored) as { at: number; url: string };
      add({ type: 'authorize', at, url });
    },
  };
}
