import { randomUrlSafe } from '../random.ts';

/** The Workfront web session of one browser: who signed in, and which apps they allowed. */
export interface BrowserSession {
  userId: string;
  grantedClientIds: Set<string>;
}

export const browserSessionCookie = 'wf_emulator_session';

export interface BrowserSessionStore {
  create(userId: string): string;
  get(id: string | undefined): BrowserSession | undefined;
  /** Ends one browser's session: its cookie, if sent again, signs no one in. */
  end(id: string | undefined): void;
  clear(): void;
}

export function createBrowserSessionStore(): BrowserSessionStore {
  const sessions = new Map<string, BrowserSession>();
  return {
    create(userId) {
      const id = randomUrlSafe(32);
      sessions.set(id, { userId, grantedClientIds: new Set() });
      return id;
    },
    get: (id) => (id === undefined ? undefined : sessions.get(id)),
    end(id) {
      if (id !== undefined) sessions.delete(id);
    },
    clear() {
      sessions.clear();
    },
  };
}
