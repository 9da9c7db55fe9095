/**
 * The session as this page knows it: the auth state the screens read, with its listeners, and
 * the credential of the tokens it last heard of. It takes the vault's state as the vault tells it, and keeps the "was
 * signed in" flag true to it, since only the flag survives a reload.
 */
import type { Credential, VaultState } from '../vault-protocol';
import type { AuthObserver } from './auth-observer';
import { signedInFlag, unnamedUser } from './sign-in-storage';

export type AuthState =
  | {
      status: 'signed-in';
      expiresAt: number;
      /**
       * Workfront signed in someone other than the user this page, or this browser at its last
       * load, was signed in as: the first user's session is over here, their data gone.
       */
      userChanged?: true;
    }
  | { status: 'signed-out'; reason: 'none' | 'signed-out' | 'session-ended' };

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * `knownUser`: whom this page acts for, as Workfront named them, until the vault names someone.
 * `observer`: told where the tokens live, and of each sign-out.
 */
export function createSessionStore(
  flagStorage: Storage,
  knownUser: string | null,
  observer: AuthObserver,
) {
  let state: AuthState = { status: 'signed-out', reason: 'none' };
  const listeners = new Set<() => void>();
  let credential: Credential | null = null;
  let userChanged = false;

  const setState = (next: AuthState) => {
    // Only the flag survives a reload: it tells the next page load to look for the session.
    if (next.status === 'signed-in') flagStorage.setItem(signedInFlag, knownUser ?? unnamedUser);
    else flagStorage.removeItem(signedInFlag);
    state = next;
    listeners.forEach((listener) => {
      listener();
    });
  };

  function signedOut(
    reason: 'signed-out' | 'session-ended',
    how: 'this-tab' | 'other-tab' | 'session-ended',
  ) {
    credential = null;
    userChanged = false;
    observer.step({ type: 'signed-out', at: Date.now(), how });
    setState({ status: 'signed-out', reason });
  }

  /** The vault's state, anchored to this page's clock: each tab keeps its own. */
  function apply(next: VaultState) {
    const signedIn = state.status === 'signed-in';
    observer.vault({
      kind: next.kind,
      tabs: next.tabs,
      userId: next.status === 'signed-in' ? next.userId : null,
    });
    if (next.status === 'signed-in') {
      if (next.credential === credential && signedIn) return;
      if (knownUser !== null && next.userId !== null && next.userId !== knownUser) {
        // Treated as the first user's sign-out (the query cache, drafts, screens), then told.
        if (signedIn) signedOut('signed-out', 'other-tab');
        userChanged = true;
      }
      knownUser = next.userId ?? knownUser;
      credential = next.credential;
      const expiresAt = Date.now() + next.expiresInMs;
      setState({ status: 'signed-in', expiresAt, ...(userChanged ? { userChanged } : {}) });
      return;
    }
    if (!signedIn) return;
    if (next.reason === 'session-ended') signedOut('session-ended', 'session-ended');
    else if (next.reason === 'signed-out') signedOut('signed-out', 'other-tab');
    // A new vault, which never had this page's session (the shared one ended while this page
    // was in the back/forward cache): load again, which bounces for new tokens.
    else window.location.reload();
  }

  return {
    state: () => state,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Which token this page last heard of: a refresh names it, "unless these changed". */
    credential: () => credential,
    apply,
    signedOut,
  };
}
