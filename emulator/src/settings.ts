/**
 * Every switch of the emulator. Each one stands for a point that Workfront leaves undocumented,
 * so that the app can be tested against every plausible answer (see ../shared/workfront.md).
 * The names are a public interface: tests here and elsewhere POST them to /__emulator/settings.
 */
export interface Settings {
  /** Echo `state` on the redirect back. RFC 6749 requires it; Workfront does not document it. */
  echoState: boolean;
  /** The `token_type` in token responses: the PKCE guide says Bearer, the code-flow guide sessionID. */
  tokenType: 'Bearer' | 'sessionID';
  /** Lifetime of an access token, in seconds. */
  accessTokenTtlSeconds: number;
  /** Issue a refresh token even when `offline_access` was not requested. */
  refreshWithoutOfflineAccess: boolean;
  /** Shape of token endpoint errors: RFC 6749 JSON, or Workfront's `{statusCode,error,type,message}`. */
  tokenErrorStyle: 'rfc6749' | 'workfront';
  /** Answer cross-origin requests to the token endpoint from registered redirect origins. */
  tokenCors: boolean;
  /** Answer cross-origin requests to /attask/api from registered redirect origins. */
  apiCors: boolean;
  /** Accept `Authorization: Bearer <token>` on the API as well as the `sessionID` header. */
  acceptBearer: boolean;
  /** HTTP status of the API's AuthenticationException envelope. */
  authErrorStatus: number;
  /** Number of work items (tasks and issues) seeded for the demo user's company. */
  workItems: number;
  /** Concurrent API requests allowed per user; 0 turns the cap off. */
  maxConcurrentRequests: number;
}

export const defaultSettings: Settings = {
  echoState: true,
  tokenType: 'sessionID',
  accessTokenTtlSeconds: 3600,
  refreshWithoutOfflineAccess: false,
  tokenErrorStyle: 'rfc6749',
  tokenCors: true,
  apiCors: false,
  acceptBearer: false,
  authErrorStatus: 401,
  workItems: 40,
  maxConcurrentRequests: 10,
};
