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
  /**
   * Issue a refresh token even when `offline_access` was not requested: the code-flow guide and
   * Workfront's demo get one without any scope; only the admin guide names `offline_access`.
   */
  refreshWithoutOfflineAccess: boolean;
  /**
   * Shape of token endpoint errors: RFC 6749 JSON, or `{statusCode,error,type,message}` with
   * `error` the reason phrase (`workfront`) or `true` (`workfront-boolean`, bb-io/AdobeWorkfront).
   */
  tokenErrorStyle: 'rfc6749' | 'workfront' | 'workfront-boolean';
  /** Refuse redirect URLs on localhost, as Workfront's demo README says Workfront does. */
  rejectLocalhostRedirects: boolean;
  /** Token responses say `expires_in: 0`, as the code-flow guide's sample; tokens still live the TTL. */
  expiresInZero: boolean;
  /** Answer cross-origin requests to the token endpoint from registered redirect origins. */
  tokenCors: boolean;
  /** Answer cross-origin requests to /attask/api from registered redirect origins. */
  apiCors: boolean;
  /** Accept `Authorization: Bearer <token>` on the API as well as the `sessionID` header. */
  acceptBearer: boolean;
  /** HTTP status of the API's AuthenticationException envelope: 200 (the envelope decides) or 4xx/5xx. */
  authErrorStatus: number;
  /** Number of work items (tasks and issues) seeded for the demo user's company. */
  workItems: number;
  /** Concurrent API requests allowed per user; 0 turns the cap off. */
  maxConcurrentRequests: number;
  /** The objCode of `work/myWork` items: their own (TASK, OPTASK), or that of the WORK object. */
  myWorkObjCode: 'TASK_OPTASK' | 'WORK';
  /**
   * Whether `work/myWork` applies `$$FIRST`, `$$LIMIT` and `_Sort`; sends every item unsorted
   * (`ignored`); or applies all but `$$FIRST`, so that every page starts at the first item.
   */
  myWorkPaging: 'honoured' | 'ignored' | 'limit-only';
  /**
   * Whether a new note names its object both ways, whichever way the client named it: by
   * `objID` and `noteObjCode`, and by `taskID`, `opTaskID` or `projectID` (`derived`); or only
   * the way the client named it (`as-sent`), so that `note/search?taskID=` misses a note created
   * with `objID` alone. Workfront's examples name it either way; its clients often send both.
   */
  noteObjectFields: 'derived' | 'as-sent';
  /** Accept a note whose text is only white space; a missing or empty `noteText` is always refused. */
  acceptBlankNoteText: boolean;
}

export const defaultSettings: Settings = {
  echoState: true,
  tokenType: 'sessionID',
  accessTokenTtlSeconds: 3600,
  refreshWithoutOfflineAccess: true,
  tokenErrorStyle: 'rfc6749',
  rejectLocalhostRedirects: false,
  expiresInZero: false,
  tokenCors: true,
  apiCors: false,
  acceptBearer: false,
  authErrorStatus: 401,
  workItems: 40,
  maxConcurrentRequests: 10,
  myWorkObjCode: 'TASK_OPTASK',
  myWorkPaging: 'honoured',
  noteObjectFields: 'derived',
  acceptBlankNoteText: false,
};
