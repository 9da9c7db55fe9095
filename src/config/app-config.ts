/**
 * The app's configuration, loaded at start from /config.json so that one build serves any
 * Workfront instance. Build-time `VITE_WORKFRONT_*` variables override single fields. The same
 * checks serve `npm run setup`, which writes the file.
 */
export interface AppConfig {
  /** The instance, e.g. https://acme.my.workfront.com. */
  workfrontUrl: string;
  /** The client ID of the instance's single-page OAuth2 application. */
  clientId: string;
  /** Where Workfront redirects back to; registered in the OAuth2 application. */
  redirectPath: string;
  /** `offline_access` asks Workfront for a refresh token. */
  scope: string;
  /** REST API version, e.g. v20.0. */
  apiVersion: string;
  /**
   * `proxy` (default): call the API on this origin under /attask, which the server forwards to
   * Workfront, because Workfront's API is not documented to allow browser cross-origin calls.
   * `direct`: call <workfrontUrl>/attask, for instances that allow this origin by CORS.
   */
  apiMode: 'proxy' | 'direct';
  /** The Workfront URL is the local emulator: the flow inspector offers its what-if controls. */
  emulator: boolean;
  /**
   * The developer's instruments: the Session badge, the flow inspector (/session) and "Check this
   * Workfront". Defaults to `emulator`: on for the local emulator, off for a real instance, where
   * no end user should meet them. Off, nothing of the OAuth flow is recorded and their code never
   * loads.
   */
  inspector: boolean;
  /**
   * Whether the instance sends `state` back on the redirect to redirectPath (default true).
   * false: it does not, so a callback without `state` may be matched to this tab's pending
   * sign-in.
   */
  stateEcho: boolean;
  /**
   * Defaults to <workfrontUrl>/integrations/oauth2/authorize. Each endpoint may only be on the
   * instance's origin or the app's own (a same-origin proxy); this one also on Workfront's
   * central authorize host.
   */
  authorizationEndpoint: string;
  /** Defaults to <workfrontUrl>/integrations/oauth2/api/v1/token. */
  tokenEndpoint: string;
  /** Defaults to the token endpoint's sibling, …/api/v1/revoke, as Workfront's own demo uses. */
  revocationEndpoint: string;
  /**
   * The page that signs the user out of Workfront itself in this browser, linked from the
   * signed-out page. Workfront documents none, so there is no default; without it, that page
   * tells the user to sign out in Workfront or close the browser.
   */
  workfrontSignOutUrl?: string;
}

export type ConfigField =
  | 'config.json'
  | 'workfrontUrl'
  | 'clientId'
  | 'redirectPath'
  | 'scope'
  | 'apiVersion'
  | 'apiMode'
  | 'emulator'
  | 'inspector'
  | 'stateEcho'
  | 'authorizationEndpoint'
  | 'tokenEndpoint'
  | 'revocationEndpoint'
  | 'workfrontSignOutUrl';

export type ConfigProblem =
  | 'missing'
  | 'not-a-string'
  | 'not-a-url'
  | 'not-https'
  | 'has-credentials'
  | 'foreign-origin'
  | 'has-path'
  | 'not-a-path'
  | 'unsupported-version'
  | 'unknown-api-mode'
  | 'not-a-boolean'
  | 'not-an-object'
  | 'not-downloaded'
  | 'not-found'
  | 'not-json';

/** A field of config.json that is wrong; src/config/messages.ts says what and how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly field: ConfigField,
    readonly problem: ConfigProblem,
    /** The offending value, or the HTTP status of config.json. */
    readonly value = '',
  ) {
    super(`${field}: ${problem}${value ? ` (${value})` : ''}`);
    this.name = 'ConfigError';
  }
}

type RawConfig = Record<string, unknown>;

const supportedApiVersions = /^v(1[6-9]|2[0-2])\.0$/;

/** Workfront's central sign-in host, which routes users to their instance (its own demo uses it). */
const centralAuthorizeOrigin = 'https://oauth.my.workfront.com';

function isLocalhost(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]';
}

function readString(raw: RawConfig, field: ConfigField): string {
  const value = raw[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(field, value === undefined ? 'missing' : 'not-a-string');
  }
  return value.trim();
}

/** An absolute https URL (http only for localhost), without a trailing slash. */
function readUrl(raw: RawConfig, field: ConfigField): string {
  const text = readString(raw, field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(field, 'not-a-url', text);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalhost(url))) {
    throw new ConfigError(field, 'not-https', text);
  }
  if (url.username || url.password) throw new ConfigError(field, 'has-credentials');
  return url.href.replace(/\/+$/, '');
}

/**
 * An endpoint sees the sign-in's `state` and PKCE challenge, or the code and the tokens: on any
 * other origin, a tampered config.json could read them, or sign the user in to another account.
 */
function readEndpoint(
  raw: RawConfig,
  field: ConfigField,
  fallback: string,
  allowedOrigins: readonly string[],
): string {
  if (raw[field] === undefined) return fallback;
  const url = readUrl(raw, field);
  const { origin } = new URL(url);
  if (!allowedOrigins.includes(origin)) throw new ConfigError(field, 'foreign-origin', origin);
  return url;
}

function readBoolean(raw: RawConfig, field: ConfigField, fallback: boolean): boolean {
  const value = raw[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new ConfigError(field, 'not-a-boolean', JSON.stringify(value));
  }
  return value;
}

/**
 * `appOrigin` is where the app is served (the page's `location.origin`), the one origin besides
 * the instance's where an endpoint may be: a same-origin proxy (deploy/nginx.ts). Without it, as
 * in `npm run setup`, endpoints must be the instance's.
 */
export function parseAppConfig(input: unknown, appOrigin?: string): AppConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('config.json', 'not-an-object');
  }
  const raw = input as RawConfig;
  const workfrontUrl = readUrl(raw, 'workfrontUrl');
  if (new URL(workfrontUrl).pathname !== '/') {
    throw new ConfigError('workfrontUrl', 'has-path', workfrontUrl);
  }
  const clientId = readString(raw, 'clientId');
  const redirectPath = readString(raw, 'redirectPath');
  // `/\` is `//` to a browser: a path on another host, not one of this app's.
  if (!/^\/(?![/\\])/.test(redirectPath)) {
    throw new ConfigError('redirectPath', 'not-a-path', redirectPath);
  }
  const scope = raw.scope === undefined ? 'offline_access' : readString(raw, 'scope');
  const apiVersion = raw.apiVersion === undefined ? 'v20.0' : readString(raw, 'apiVersion');
  if (!supportedApiVersions.test(apiVersion)) {
    throw new ConfigError('apiVersion', 'unsupported-version', apiVersion);
  }
  const apiMode = raw.apiMode ?? 'proxy';
  if (apiMode !== 'proxy' && apiMode !== 'direct') {
    throw new ConfigError('apiMode', 'unknown-api-mode', JSON.stringify(apiMode));
  }
  const ours = [new URL(workfrontUrl).origin, ...(appOrigin ? [new URL(appOrigin).origin] : [])];
  const tokenEndpoint = readEndpoint(
    raw,
    'tokenEndpoint',
    `${workfrontUrl}/integrations/oauth2/api/v1/token`,
    ours,
  );
  const emulator = readBoolean(raw, 'emulator', false);
  return {
    workfrontUrl,
    clientId,
    apiMode,
    emulator,
    inspector: readBoolean(raw, 'inspector', emulator),
    stateEcho: readBoolean(raw, 'stateEcho', true),
    redirectPath,
    scope,
    apiVersion,
    authorizationEndpoint: readEndpoint(
      raw,
      'authorizationEndpoint',
      `${workfrontUrl}/integrations/oauth2/authorize`,
      [...ours, centralAuthorizeOrigin],
    ),
    tokenEndpoint,
    revocationEndpoint: readEndpoint(
      raw,
      'revocationEndpoint',
      tokenEndpoint.endsWith('/token')
        ? `${tokenEndpoint.slice(0, -'token'.length)}revoke`
        : `${workfrontUrl}/integrations/oauth2/api/v1/revoke`,
      ours,
    ),
    // A link the user follows, which carries nothing of the sign-in: any https page will do (an
    // instance may sign out at its identity provider), as long as it is one.
    workfrontSignOutUrl:
      raw.workfrontSignOutUrl === undefined ? undefined : readUrl(raw, 'workfrontSignOutUrl'),
  };
}

/** Build-time `VITE_WORKFRONT_*` values, which win over the file's. */
export type ConfigOverrides = Partial<
  Record<'workfrontUrl' | 'clientId' | 'apiVersion', string | undefined>
>;

function withOverrides(raw: unknown, overrides: ConfigOverrides): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const merged: Record<string, unknown> = { ...raw };
  for (const field of ['workfrontUrl', 'clientId', 'apiVersion'] as const) {
    if (overrides[field]) merged[field] = overrides[field];
  }
  return merged;
}

export interface LoadOptions {
  /**
   * Unset, the `default` mode: the same request as index.html's `<link rel=preload>`, whose
   * download every engine then takes rather than start another; the server's `Cache-Control:
   * no-cache` has it revalidated on every load (a 304 when unchanged), so a fixed file applies at
   * the next load. A page that follows the one that just revalidated it (the callback, after the
   * start page) may take `force-cache`.
   */
  cache?: RequestCache | undefined;
  /** The app's origin, for parseAppConfig: the page's own. */
  appOrigin?: string;
}

export async function loadAppConfig(
  overrides: ConfigOverrides = {},
  { cache, appOrigin = location.origin }: LoadOptions = {},
): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetch('/config.json', { cache });
  } catch {
    throw new ConfigError('config.json', 'not-downloaded');
  }
  if (!response.ok) throw new ConfigError('config.json', 'not-found', String(response.status));
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError('config.json', 'not-json');
  }
  return parseAppConfig(withOverrides(raw, overrides), appOrigin);
}
