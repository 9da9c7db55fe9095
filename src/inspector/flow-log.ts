import type { AuthObserver, FlowEvent, VaultInfo } from '../auth';

/** A step as the inspector shows it: the PKCE proof with the challenge sent and the one computed. */
export type ShownEvent =
  | Exclude<FlowEvent, { type: 'pkce-proof' }>
  | {
      type: 'pkce-proof';
      at: number;
      /** Spent, so safe to show; forgotten at sign-out all the same. */
      verifier: string | null;
      /** What the authorize request sent as `code_challenge`. */
      challenge: string;
      /** The verifier's SHA-256, base64url: what Workfront computes to check it. */
      computed: string;
    };

/**
 * This tab's OAuth story, for the flow inspector: the observer it gives the auth client
 * (src/main.tsx), which hears each step of the flow and where the tokens live, never a token. It
 * lives in memory; only the authorize request crosses the redirect, in sessionStorage, keyed by
 * its `state`, and is taken back when the callback of that sign-in arrives.
 */
export interface FlowLog extends AuthObserver {
  events: () => readonly ShownEvent[];
  vaultInfo: () => VaultInfo | null;
  subscribe: (listener: () => void) => () => void;
}

const authorizeKeyPrefix = 'workfront.signin-authorize.';

async function base64UrlSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function createFlowLog(storage: Storage): FlowLog {
  let events: readonly ShownEvent[] = [];
  let vaultInfo: VaultInfo | null = null;
  const listeners = new Set<() => void>();
  const changed = () => {
    listeners.forEach((listener) => {
      listener();
    });
  };
  const add = (event: ShownEvent, index = events.length) => {
    events = [...events.slice(0, index), event, ...events.slice(index)];
    changed();
  };

  /** The page leaves for Workfront now: the app the callback loads shows the request. */
  function remember({ at, url }: { at: number; url: string }) {
    // Like the pending sign-in it belongs to, at most one per tab.
    Object.keys(storage)
      .filter((key) => key.startsWith(authorizeKeyPrefix))
      .forEach((key) => {
        storage.removeItem(key);
      });
    const state = new URL(url).searchParams.get('state');
    if (state !== null)
      storage.setItem(`${authorizeKeyPrefix}${state}`, JSON.stringify({ at, url }));
  }

  function recall(state: string) {
    const key = `${authorizeKeyPrefix}${state}`;
    const stored = storage.getItem(key);
    storage.removeItem(key);
    // Nothing remembered for a sign-in started elsewhere or a replayed URL.
    if (!stored) return;
    const { at, url } = JSON.parse(stored) as { at: number; url: string };
    add({ type: 'authorize', at, url });
  }

  /** The proof that the verifier sent with the code is the one the challenge was made from. */
  async function prove(at: number, verifier: string) {
    const authorize = events.findLast((event) => event.type === 'authorize');
    const challenge = authorize && new URL(authorize.url).searchParams.get('code_challenge');
    if (!challenge) return;
    const index = events.length;
    const computed = await base64UrlSha256(verifier);
    // In its place, before the steps that came while it was computed; a sign-out among them
    // forgot the verifier.
    const forgotten = events.slice(index).some((event) => event.type === 'signed-out');
    add(
      { type: 'pkce-proof', at, verifier: forgotten ? null : verifier, challenge, computed },
      index,
    );
  }

  return {
    events: () => events,
    vaultInfo: () => vaultInfo,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    step(event) {
      switch (event.type) {
        case 'authorize':
          remember(event);
          return;
        case 'callback':
          recall(event.state);
          add(event);
          return;
        case 'pkce-proof':
          void prove(event.at, event.verifier);
          return;
        case 'signed-out':
          // What a sign-out must not leave behind: the PKCE verifier.
          events = events.map((shown) =>
            shown.type === 'pkce-proof' ? { ...shown, verifier: null } : shown,
          );
          add(event);
          return;
        default:
          add(event);
      }
    },
    vault(info) {
      vaultInfo = info;
      changed();
    },
  };
}

/** This tab's flow log: one per document, made when the inspector's code first loads. */
export const flowLog = createFlowLog(window.sessionStorage);
