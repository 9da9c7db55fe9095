import type { Settings } from './settings.ts';

/** How one setting is described, read from JSON, and read from a flag or environment variable. */
interface SettingSpec<T> {
  description: string;
  /** The accepted values, as error messages and --help show them. */
  accepted: string;
  parse(value: unknown): T | undefined;
  /** Turns a flag or environment value into the JSON value that `parse` expects. */
  fromText(text: string): unknown;
}

function booleanSetting(description: string): SettingSpec<boolean> {
  return {
    description,
    accepted: 'true or false',
    parse: (value) => (typeof value === 'boolean' ? value : undefined),
    fromText: (text) => (text === 'true' ? true : text === 'false' ? false : text),
  };
}

function integerSetting(description: string, min: number, max: number): SettingSpec<number> {
  return {
    description,
    accepted: `a whole number from ${min} to ${max}`,
    parse: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? value
        : undefined,
    fromText: (text) => (/^-?\d+$/.test(text) ? Number(text) : text),
  };
}

/** 200, as Workfront may send an error envelope with it, or an error status from 400 to 599. */
function httpStatusSetting(description: string): SettingSpec<number> {
  const range = integerSetting(description, 400, 599);
  return {
    ...range,
    accepted: `200 or ${range.accepted}`,
    parse: (value) => (value === 200 ? value : range.parse(value)),
  };
}

function choiceSetting<const C extends string>(
  description: string,
  choices: readonly C[],
): SettingSpec<C> {
  return {
    description,
    accepted: choices.map((choice) => `"${choice}"`).join(' or '),
    parse: (value) => choices.find((choice) => choice === value),
    fromText: (text) => text,
  };
}

export const settingSpecs: { [K in keyof Settings]: SettingSpec<Settings[K]> } = {
  echoState: booleanSetting('Echo `state` on the redirect back to the app.'),
  tokenType: choiceSetting('The token_type of token responses.', ['Bearer', 'sessionID']),
  accessTokenTtlSeconds: integerSetting('Access token lifetime in seconds.', 1, 31_536_000),
  refreshWithoutOfflineAccess: booleanSetting(
    'Issue a refresh token even without the offline_access scope.',
  ),
  tokenErrorStyle: choiceSetting('Body of token endpoint errors.', [
    'rfc6749',
    'workfront',
    'workfront-boolean',
  ]),
  rejectLocalhostRedirects: booleanSetting(
    'Refuse localhost redirect URLs, in registration and at authorize.',
  ),
  expiresInZero: booleanSetting('Send expires_in 0 in token responses; tokens still live the TTL.'),
  tokenCors: booleanSetting('Answer CORS requests to the token endpoint from registered origins.'),
  apiCors: booleanSetting('Answer CORS requests to /attask/api from registered origins.'),
  acceptBearer: booleanSetting('Accept `Authorization: Bearer` on the API.'),
  authErrorStatus: httpStatusSetting('HTTP status of the API AuthenticationException.'),
  workItems: integerSetting('Number of seeded work items (tasks and issues).', 0, 100_000),
  maxConcurrentRequests: integerSetting('Concurrent API requests per user; 0 is no cap.', 0, 1000),
  myWorkObjCode: choiceSetting('The objCode of work/myWork items.', ['TASK_OPTASK', 'WORK']),
  myWorkPaging: choiceSetting(
    'Whether work/myWork applies $$FIRST, $$LIMIT and _Sort (honoured), none of them (ignored), or all but $$FIRST (limit-only).',
    ['honoured', 'ignored', 'limit-only'],
  ),
  noteObjectFields: choiceSetting(
    "Whether a new note's objID/noteObjCode and taskID/opTaskID/projectID are filled from each other (derived) or only as sent (as-sent).",
    ['derived', 'as-sent'],
  ),
  acceptBlankNoteText: booleanSetting('Accept a new note whose noteText is only white space.'),
};

export const settingKeys = Object.keys(settingSpecs) as (keyof Settings)[];

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(settingSpecs, key);
}

export type SettingsPatchResult =
  { ok: true; patch: Partial<Settings> } | { ok: false; message: string };

function parseEntry<K extends keyof Settings>(
  patch: Partial<Pick<Settings, K>>,
  key: K,
  value: unknown,
): string | undefined {
  const spec = settingSpecs[key];
  const parsed = spec.parse(value);
  if (parsed === undefined) return `${key} must be ${spec.accepted}`;
  patch[key] = parsed;
  return undefined;
}

/** Reads a JSON object of settings; any unknown key or wrong value refuses the whole patch. */
export function parseSettingsPatch(input: unknown): SettingsPatchResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'Settings must be a JSON object' };
  }
  const patch: Partial<Settings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!isSettingKey(key)) {
      return { ok: false, message: `Unknown setting ${key}; known: ${settingKeys.join(', ')}` };
    }
    const message = parseEntry(patch, key, value);
    if (message !== undefined) return { ok: false, message };
  }
  return { ok: true, patch };
}

/** Reads one setting given as text, from a command-line flag or an environment variable. */
export function parseSettingText(key: keyof Settings, text: string): SettingsPatchResult {
  const patch: Partial<Settings> = {};
  const message = parseEntry(patch, key, settingSpecs[key].fromText(text));
  return message === undefined ? { ok: true, patch } : { ok: false, message };
}

/** `accessTokenTtlSeconds` -> `access-token-ttl-seconds`. */
export function flagName(key: keyof Settings): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** `accessTokenTtlSeconds` -> `WF_EMULATOR_ACCESS_TOKEN_TTL_SECONDS`. */
export function environmentName(key: keyof Settings): string {
  return `WF_EMULATOR_${flagName(key).replaceAll('-', '_').toUpperCase()}`;
}
