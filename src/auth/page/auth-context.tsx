import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';
import type { AuthClient, AuthState } from './auth-client';

/*
 * A small provider of our own rather than react-oidc-context: that library keeps the User, tokens
 * included, in React state, runs the callback from an effect and refreshes on its own timer. Here
 * components only ever see an AuthState, and every refresh goes through one single flight.
 */
const AuthContext = createContext<AuthClient | null>(null);

export function AuthProvider({ client, children }: { client: AuthClient; children: ReactNode }) {
  return <AuthContext value={client}>{children}</AuthContext>;
}

export function useAuthClient(): AuthClient {
  const client = use(AuthContext);
  if (!client) throw new Error('useAuthClient must be used inside <AuthProvider>');
  return client;
}

export function useAuthState(): AuthState {
  const client = useAuthClient();
  return useSyncExternalStore(client.subscribe, client.getState);
}
