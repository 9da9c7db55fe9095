/**
 * Sign-in to Workfront with OAuth2 Authorization Code + PKCE, tokens kept in a worker: all that
 * the rest of an app may use of src/auth. Create the client once with the app's configuration
 * and the browser's vault, give it to <AuthProvider>, and read the auth state with the hooks;
 * send Workfront requests through `AuthClient.send`. No token ever leaves the vault.
 */
export { createAuthClient } from './page/auth-client';
export type { AuthClient, AuthClientOptions, AuthState } from './page/auth-client';
export { openVault } from './page/vault-connection';
export { AuthProvider, useAuthClient, useAuthState } from './page/auth-context';
export { AuthProblemError, type AuthProblem } from './auth-errors';
export { safeReturnPath } from './page/return-path';
/** For an observer, such as the flow inspector (src/inspector): the flow's steps, its calls. */
export type { AuthObserver, VaultInfo } from './page/auth-observer';
export type { FlowEvent } from './flow-events';
export { VaultError, type ApiAnswer, type ApiRequest } from './vault-protocol';
