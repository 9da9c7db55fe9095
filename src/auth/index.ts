/**
 * Sign-in to Workfront with OAuth2 Authorization Code + PKCE, tokens kept in a worker: all that
 * the rest of an app may use of src/auth. Create the client once with the app's configuration
 * and the browser's vault, give it to <AuthProvider>, and read the auth state with the hooks;
 * send Workfront requests through `AuthClient.send`. No token ever leaves the vault.
 */
export { createAuthClient, loadFlowLog } from './page/auth-client';
export type { AuthClient, AuthClientOptions, AuthState, VaultInfo } from './page/auth-client';
export { openVault } from './page/vault-connection';
export { AuthProvider, useAuthClient, useAuthState } from './page/auth-context';
export { AuthProblemError, type AuthProblem } from './auth-errors';
export { safeReturnPath } from './page/return-path';
/** For the flow inspector (src/inspector): the story of a sign-in, and its check's calls. */
export type { FlowEvent } from './flow-log';
export { VaultError, type ApiAnswer, type ApiRequest } from './vault-protocol';
