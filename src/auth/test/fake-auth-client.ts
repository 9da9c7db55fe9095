import type { AuthClient, AuthState } from '../page/auth-client';

/**
 * The part of an AuthClient that components read: its state and the subscription to it, with a
 * way to change the state. Whatever else a test needs, it passes in `rest`.
 */
export function fakeAuthClient(rest: Partial<AuthClient> = {}) {
  let state: AuthState = { status: 'signed-out', reason: 'none' };
  const listeners = new Set<() => void>();
  const client = {
    ...rest,
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as AuthClient;
  return {
    client,
    set: (next: AuthState) => {
      state = next;
      listeners.forEach((listener) => {
        listener();
      });
    },
    listeners,
  };
}
