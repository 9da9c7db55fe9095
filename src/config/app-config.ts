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
  /** Defaults to <workfrontUrl>/integrations/oauth2/authorize. */
  authorizationEndpoint: string;
  /** Defaults to <workfrontUrl>/integrations/oauth2/api/v1/token. */
  tokenEndpoint: string;
}

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type RawConfig = Record<string, unknown>;

const supportedApiVersions = /^v(1[6-9]|2[0-2])\.0$/;

function isLocalhost(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]';
}

function readString(raw: RawConfig, field: string, fix: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(
      field,
      value === undefined ? 'is missing' : 'must be a non-empty string',
      fix,
    );
  }
  return value.trim();
}

/** An absolute https URL (http only for localhost), without a trailing slash. */
function readUrl(raw: RawConfig, field: string, fix: string): string {
  const text = readString(raw, field, fix);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(field, `"${text}" is not an absolute URL`, fix);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalhost(url))) {
    throw new ConfigError(
      field,
      `"${text}" must use https (http is only allowed for localhost)`,
      fix,
    );
  }
  if (url.username || url.password) {
    throw new ConfigError(field, 'must not contain credentials', fix);
  }
  return url.href.replace(/\/+$/, '');
}

function readOptionalUrl(raw: RawConfig, field: string, fallback: string, fix: string): string {
  return raw[field] === undefined ? fallback : readUrl(raw, field, fix);
}

export function parseAppConfig(input: unknown): AppConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('config.json', 'must be a JSON object', 'See README "Configuration".');
  }
  const raw = input as RawConfig;
  const workfrontUrl = readUrl(
    raw,
    'workfrontUrl',
    'Set it to your instance, e.g. "https://acme.my.workfront.com".',
  );
  if (new URL(workfrontUrl).pathname !== '/') {
    throw new ConfigError(
      'workfrontUrl',
      'must be the instance origin, without a path',
      'Use only the scheme and host, e.g. "https://acme.my.workfront.com".',
    );
  }
  const clientId = readString(
    raw,
    'clientId',
    'Copy the client ID from Setup > System > OAuth Applications in Workfront.',
  );
  const redirectPath = readString(
    raw,
    'redirectPath',
    'Use a path such as "/callback" and register <app origin>/callback in the OAuth2 application.',
  );
  if (!redirectPath.startsWith('/') || redirectPath.startsWith('//')) {
    throw new ConfigError(
      'redirectPath',
      `"${redirectPath}" must be a path that starts with a single "/"`,
      'Use a path such as "/callback".',
    );
  }
  const scope =
    raw.scope === undefined ? 'offline_access' : readString(raw, 'scope', 'Use "offline_access".');
  const apiVersion =
    raw.apiVersion === undefined
      ? 'v20.0'
      : readString(raw, 'apiVersion', 'Use a supported version from v16.0 to v22.0.');
  if (!supportedApiVersions.test(apiVersion)) {
    throw new ConfigError(
      'apiVersion',
      `"${apiVersion}" is not a supported Workfront API version`,
      'Use a supported version from v16.0 to v22.0, e.g. "v20.0".',
    );
  }
  const apiMode = raw.apiMode ?? 'proxy';
  if (apiMode !== 'proxy' && apiMode !== 'direct') {
    throw new ConfigError(
      'apiMode',
      `must be "proxy" or "direct", not ${JSON.stringify(apiMode)}`,
      'Use "proxy" unless Workfront allows this origin to call its API directly.',
    );
  }
  if (raw.emulator !== undefined && typeof raw.emulator !== 'boolean') {
    throw new ConfigError(
      'emulator',
      'must be true or false',
      'Use true only for the local emulator.',
    );
  }
  return {
    workfrontUrl,
    clientId,
    apiMode,
    emulator: raw.emulator ?? false,
    redirectPath,
    scope,
    apiVersion,
    authorizationEndpoint: readOptionalUrl(
      raw,
      'authorizationEndpoint',
      `${workfrontUrl}/integrations/oauth2/authorize`,
      "Remove it to use Workfront's default, or give an absolute https URL.",
    ),
    tokenEndpoint: readOptionalUrl(
      raw,
      'tokenEndpoint',
      `${workfrontUrl}/integrations/oauth2/api/v1/token`,
      "Remove it to use Workfront's default, or give an absolute https URL.",
    ),
  };
}

/** Build-time `VITE_WORKFRONT_*` values, which win over the file's. */
export type ConfigOverrides = Partial<Record<'workfrontUrl' | 'clientId' | 'apiVersion', string>>;

function withOverrides(raw: unknown, overrides: ConfigOverrides): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const defined = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...raw, ...Object.fromEntries(defined) };
}

export async function loadAppConfig(
  overrides: ConfigOverrides = {},
  url = '/config.json',
): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    throw new ConfigError(
      'config.json',
      'could not be downloaded',
      'Check your connection, then reload. The app must be served with public/config.json.',
    );
  }
  if (!response.ok) {
    throw new ConfigError(
      'config.json',
      `was not found (HTTP ${response.status})`,
      'Create public/config.json as the README\'s "Configuration" section shows.',
    );
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError(
      'config.json',
      'is not valid JSON',
      'Fix the syntax of public/config.json.',
    );
  }
  return parseAppConfig(withOverrides(raw, overrides));
}
