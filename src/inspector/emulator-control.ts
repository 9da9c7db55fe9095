/**
 * The Workfront emulator's control API, `/__emulator/…` (emulator/README.md, "Control API"),
 * typed once for everyone who drives it: the flow inspector's "what if" buttons (src/inspector), the
 * e2e suite (e2e/support/emulator.ts) and the bench (bench/emulator-control.ts).
 *
 * The emulator is an outside party, as a real Workfront is: this file knows its API as the README
 * documents it, and shares no code with it. Only `fetch`, so that it runs in the browser and in
 * Node alike.
 */

/** The client ID of the app that the emulator seeds, and `POST /reset` brings back. */
export const demoClientId = 'wf-demo-spa';

export type FaultTarget = 'authorize' | 'token' | 'revoke' | 'api';

/** What replaces the answer: truncated JSON, a gateway's HTML page, nothing, the target's error. */
export type FaultBody = 'malformed' | 'html' | 'errorEnvelope' | 'empty';

/** The next `count` requests to `target` are answered so, instead of normally. */
export interface Fault {
  target: FaultTarget;
  count: number;
  /** Only requests whose path contains this, such as `/proj/search`. */
  path?: string;
  status?: number;
  delayMs?: number;
  body?: FaultBody;
  /** With a 429 (or another status), sends `Retry-After`. */
  retryAfterSeconds?: number;
  drop?: true;
  /** The request is handled in full, then the answer is lost. */
  dropAfterProcessing?: true;
}

export type LogEndpoint =
  | 'authorize'
  | 'sign-in'
  | 'consent'
  | 'token'
  | 'revoke'
  | 'jwt-exchange'
  | 'api'
  | 'setup'
  | 'other';

/** One request the emulator served; control API calls are left out. */
export interface LogEntry {
  /** ISO 8601, on the emulator clock. */
  time: string;
  method: string;
  /** Path and query, secret values shown as `[redacted]`. */
  path: string;
  endpoint: LogEndpoint;
  /** A token request's `grant_type`. */
  grantType?: string;
  /** 0 when a fault dropped the connection. */
  status: number;
  durationMs: number;
  /** The injected fault that answered, such as `delay 300 ms` or `drop`. */
  fault?: string;
}

/** Every switch of the emulator (emulator/README.md, "Settings"). */
export interface EmulatorSettings {
  echoState: boolean;
  tokenType: 'Bearer' | 'sessionID';
  accessTokenTtlSeconds: number;
  refreshWithoutOfflineAccess: boolean;
  tokenErrorStyle: 'rfc6749' | 'workfront' | 'workfront-boolean';
  rejectLocalhostRedirects: boolean;
  expiresInZero: boolean;
  tokenCors: boolean;
  apiCors: boolean;
  acceptBearer: boolean;
  authErrorStatus: number;
  workItems: number;
  maxConcurrentRequests: number;
  myWorkObjCode: 'TASK_OPTASK' | 'WORK';
  /** `limit-only`: `$$LIMIT` applies, `$$FIRST` does not: every page starts at the first item. */
  myWorkPaging: 'honoured' | 'ignored' | 'limit-only';
}

/** An instance profile as JSON, as the inspector's "Check this Workfront" downloads it. */
export interface InstanceProfileJson {
  profileVersion: 1;
  [field: string]: unknown;
}

/** What `POST /settings` answers to a profile: the settings it left, and the demo app's rotation. */
export interface ProfileReplay {
  settings: EmulatorSettings;
  demoApp: { clientId: string; rotateRefreshToken: boolean } | null;
  notes: string[];
}

/** The fields of an OAuth2 application, as Setup > OAuth Applications shows them. */
export interface AppFields {
  type: 'spa' | 'web' | 'm2m';
  name: string;
  description: string;
  logoUrl: string;
  redirectUrls: string[];
  rotateRefreshToken: boolean;
  /** null is "No expiration". */
  absoluteExpirationSeconds: number | null;
  inactivityExpirationSeconds: number;
  applicationDescriptionUrl: string;
  developerName: string;
  developerEmail: string;
  privacyPolicyUrl: string;
  /** Machine to machine only: the PEM public keys that verify its JWTs. */
  publicKeys: string[];
}

/** An application as the control API answers it; never with its secret. */
export interface OAuthApp extends AppFields {
  clientId: string;
  customerId: string;
  hasClientSecret: boolean;
}

/** A new application: a type and a name, the rest as the emulator's defaults unless given. */
export type NewApp = Pick<AppFields, 'type' | 'name'> & Partial<AppFields>;

/** A created application; a `web` or `m2m` one with its client secret, shown this once. */
export interface CreatedApp extends OAuthApp {
  clientSecret?: string;
}

export interface ClockView {
  /** ISO 8601. */
  now: string;
  epochMs: number;
}

/** The tokens issued since the last reset, oldest first. */
export interface IssuedTokens {
  accessTokens: string[];
  refreshTokens: string[];
}

/** Which sessions `POST /sessions/expire` ends: every access token, or every refresh token. */
export type SessionExpiry =
  { tokens: 'access' } | { tokens: 'refresh'; limit: 'absolute' | 'inactivity' };

export type GrantType = 'authorization_code' | 'refresh_token';

export interface EmulatorControlOptions {
  /** Each call fails after this long without a whole answer; 30 s unless given. */
  timeoutMs?: number;
}

/** The URL of a control API path (`/settings`) of the emulator at `baseUrl`. */
export const emulatorControlUrl = (baseUrl: string, path: string) => `${baseUrl}/__emulator${path}`;

/** A request to the token endpoint, as the log shows it. */
export const isTokenCall = (entry: LogEntry) =>
  entry.endpoint === 'token' && entry.method === 'POST';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The control API of the emulator at `baseUrl` (its origin, such as `http://localhost:8787`).
 * A call not answered 2xx throws an Error naming the call, its method and path, the status and
 * the body.
 */
export function createEmulatorControl(baseUrl: string, options: EmulatorControlOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 30_000;

  /** `json` is the body, JSON already; the answer is read as JSON, or undefined when empty. */
  async function call<T>(name: string, method: Method, path: string, json?: string): Promise<T> {
    const response = await fetch(emulatorControlUrl(baseUrl, path), {
      method,
      headers: json === undefined ? {} : { 'content-type': 'application/json' },
      body: json,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `emulator ${name}: ${method} /__emulator${path} answered HTTP ${response.status}: ${text}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const send = <T>(name: string, method: Method, path: string, body: unknown) =>
    call<T>(name, method, path, JSON.stringify(body));

  const log = () => call<LogEntry[]>('log', 'GET', '/log');
  const app = (clientId: string) => `/apps/${encodeURIComponent(clientId)}`;

  return {
    /** Apps, sessions, codes, data, settings, clock, faults and log back to the seed. */
    reset: () => call<undefined>('reset', 'POST', '/reset'),

    /** Changes some settings; answers all of them. A wrong one is refused, and none applied. */
    settings: (changes: Partial<EmulatorSettings>) =>
      send<EmulatorSettings>('settings', 'POST', '/settings', changes),
    currentSettings: () => call<EmulatorSettings>('currentSettings', 'GET', '/settings'),
    /** Replays an instance profile, or the text of a profile file, sent as it is. */
    replayProfile: (profile: InstanceProfileJson | string) =>
      call<ProfileReplay>(
        'replayProfile',
        'POST',
        '/settings',
        typeof profile === 'string' ? profile : JSON.stringify(profile),
      ),

    clock: () => call<ClockView>('clock', 'GET', '/clock'),
    advanceClock: (seconds: number) =>
      send<ClockView>('advanceClock', 'POST', '/clock', { advanceSeconds: seconds }),

    /** Adds a fault; answers the pending ones. */
    fault: (fault: Fault) => send<Fault[]>('fault', 'POST', '/faults', fault),
    faults: () => call<Fault[]>('faults', 'GET', '/faults'),
    clearFaults: () => call<undefined>('clearFaults', 'DELETE', '/faults'),

    apps: () => call<OAuthApp[]>('apps', 'GET', '/apps'),
    app: (clientId: string) => call<OAuthApp>('app', 'GET', app(clientId)),
    createApp: (fields: NewApp) => send<CreatedApp>('createApp', 'POST', '/apps', fields),
    /** A partial update: nothing is half-saved. */
    updateApp: (clientId: string, changes: Partial<AppFields>) =>
      send<OAuthApp>('updateApp', 'PATCH', app(clientId), changes),

    expireSessions: (which: SessionExpiry) =>
      send<undefined>('expireSessions', 'POST', '/sessions/expire', which),
    /** Every grant ends: its access and refresh tokens stop working. */
    revokeSessions: () => call<undefined>('revokeSessions', 'POST', '/sessions/revoke'),

    /** The recent requests, oldest first. */
    log,
    clearLog: () => call<undefined>('clearLog', 'DELETE', '/log'),
    /** The token requests of one grant in the log. */
    tokenCalls: async (grantType: GrantType): Promise<LogEntry[]> =>
      (await log()).filter((entry) => isTokenCall(entry) && entry.grantType === grantType),
    /**
     * The tokens issued since the last reset, to look for where they must never be. From Node
     * only: the emulator refuses them to a browser, the app's own page included.
     */
    issuedTokens: () => call<IssuedTokens>('issuedTokens', 'GET', '/issued-tokens'),
  };
}

export type EmulatorControl = ReturnType<typeof createEmulatorControl>;
