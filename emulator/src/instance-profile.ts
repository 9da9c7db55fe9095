import { newestSupportedVersion, oldestSupportedVersion } from './workfront/api-version.ts';
import { issueStatusChoices } from './workfront/statuses.ts';
import { settingSpecs } from './settings-schema.ts';
import type { Settings } from './settings.ts';

/**
 * An instance profile: what the app's "Check this Workfront" measured on a real instance (issue
 * 14). The emulator replays one by turning it into settings, so that tests run against the
 * behaviours of that instance. The emulator shares no code with the app: this is its own reader
 * of the same JSON shape, version 1.
 */
export const profileVersion = 1;

export interface Evidence {
  status?: number;
  headerNames?: string[];
  keys?: string[];
  note?: string;
}

interface Measured<T> {
  value: T;
  evidence: Evidence;
}

export interface InstanceProfile {
  profileVersion: 1;
  behaviours: {
    stateEchoed: Measured<boolean>;
    tokenType: Measured<string>;
    expiresIn: Measured<number | null>;
    refreshTokenIssued: Measured<boolean>;
    refreshTokenRotates: Measured<boolean | null>;
    tokenCors: Measured<boolean>;
    apiCors: Measured<boolean>;
    bearerAccepted: Measured<boolean>;
    authError: { status: number; errorClass: string | null; evidence: Evidence };
    tokenErrorStyle: Measured<'rfc6749' | 'workfront' | 'workfront-boolean' | 'unknown'>;
    myWorkObjCode: Measured<'TASK_OPTASK' | 'WORK' | 'unknown'>;
    myWorkPaging: Measured<Settings['myWorkPaging'] | 'unknown'>;
    apiVersions: { answered: string[]; refused: string[]; evidence: Evidence };
    issueStatuses: Measured<string[]>;
  };
  notRun: { probe: string; reason: string }[];
}

type BehaviourName = keyof InstanceProfile['behaviours'];

/** The versions the emulator serves, which are the ones the check asks for. */
export const emulatorApiVersions: readonly string[] = Array.from(
  { length: newestSupportedVersion - oldestSupportedVersion + 1 },
  (_, index) => `v${oldestSupportedVersion + index}.0`,
);

/** The seed's issue statuses, in Workfront's order. */
export const emulatorIssueStatuses: readonly string[] = issueStatusChoices.map(
  ({ value }) => value,
);

/** The class of the emulator's API authentication error. */
export const emulatorAuthErrorClass = 'com.attask.common.AuthenticationException';

// --- Reading ------------------------------------------------------------------------------------

class ProfileError extends Error {}

type Json = Record<string, unknown>;

/** A JSON object with exactly these keys (the optional ones may be left out). */
function object(value: unknown, path: string, required: string[], optional: string[] = []): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProfileError(`${path} must be an object`);
  }
  const record = value as Json;
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new ProfileError(
        `${at(key)} is not a field of an instance profile (version ${profileVersion}); known: ${[...required, ...optional].join(', ')}`,
      );
    }
  }
  for (const key of required) {
    if (!Object.hasOwn(record, key)) throw new ProfileError(`${at(key)} is missing`);
  }
  return record;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ProfileError(`${path} must be true or false`);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ProfileError(`${path} must be a string`);
  return value;
}

function wholeNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ProfileError(`${path} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function strings(value: unknown, path: string, choices?: readonly string[]): string[] {
  if (!Array.isArray(value)) throw new ProfileError(`${path} must be a list of strings`);
  return value.map((item: unknown, index) => {
    const text = string(item, `${path}[${index}]`);
    if (choices && !choices.includes(text)) {
      throw new ProfileError(`${path}[${index}] must be ${quoted(choices)}`);
    }
    return text;
  });
}

function choice<const C extends string>(value: unknown, path: string, choices: readonly C[]): C {
  const found = choices.find((item) => item === value);
  if (found === undefined) throw new ProfileError(`${path} must be ${quoted(choices)}`);
  return found;
}

function quoted(choices: readonly string[]): string {
  return choices.map((item) => `"${item}"`).join(' or ');
}

function evidence(value: unknown, path: string): Evidence {
  const record = object(value, path, [], ['status', 'headerNames', 'keys', 'note']);
  const read: Evidence = {};
  if (record.status !== undefined)
    read.status = wholeNumber(record.status, `${path}.status`, 0, 599);
  if (record.headerNames !== undefined) {
    read.headerNames = strings(record.headerNames, `${path}.headerNames`);
  }
  if (record.keys !== undefined) read.keys = strings(record.keys, `${path}.keys`);
  if (record.note !== undefined) read.note = string(record.note, `${path}.note`);
  return read;
}

function measured<T>(
  behaviours: Json,
  name: BehaviourName,
  readValue: (value: unknown, path: string) => T,
): Measured<T> {
  const path = `behaviours.${name}`;
  const record = object(behaviours[name], path, ['value', 'evidence']);
  return {
    value: readValue(record.value, `${path}.value`),
    evidence: evidence(record.evidence, `${path}.evidence`),
  };
}

function nullable<T>(
  read: (value: unknown, path: string) => T,
  what: string,
): (value: unknown, path: string) => T | null {
  return (value, path) => {
    if (value === null) return null;
    try {
      return read(value, path);
    } catch {
      throw new ProfileError(`${path} must be ${what}, or null`);
    }
  };
}

const behaviourNames: BehaviourName[] = [
  'stateEchoed',
  'tokenType',
  'expiresIn',
  'refreshTokenIssued',
  'refreshTokenRotates',
  'tokenCors',
  'apiCors',
  'bearerAccepted',
  'authError',
  'tokenErrorStyle',
  'myWorkObjCode',
  'myWorkPaging',
  'apiVersions',
  'issueStatuses',
];

function readProfile(input: unknown): InstanceProfile {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ProfileError('An instance profile must be a JSON object');
  }
  const version = (input as Json).profileVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > profileVersion) {
    throw new ProfileError(
      `profileVersion ${version} is newer than this emulator understands (${profileVersion})`,
    );
  }
  if (version === undefined) {
    throw new ProfileError(
      `profileVersion is missing: an instance profile starts with "profileVersion": ${profileVersion}`,
    );
  }
  if (version !== profileVersion) {
    throw new ProfileError(`profileVersion must be ${profileVersion}`);
  }
  const root = object(input, '', ['profileVersion', 'behaviours', 'notRun']);
  const behaviours = object(root.behaviours, 'behaviours', behaviourNames);
  const authError = object(behaviours.authError, 'behaviours.authError', [
    'status',
    'errorClass',
    'evidence',
  ]);
  const apiVersions = object(behaviours.apiVersions, 'behaviours.apiVersions', [
    'answered',
    'refused',
    'evidence',
  ]);
  if (!Array.isArray(root.notRun)) throw new ProfileError('notRun must be a list');
  return {
    profileVersion,
    behaviours: {
      stateEchoed: measured(behaviours, 'stateEchoed', boolean),
      tokenType: measured(behaviours, 'tokenType', string),
      expiresIn: measured(
        behaviours,
        'expiresIn',
        nullable(
          (value, path) => wholeNumber(value, path, 0, Number.MAX_SAFE_INTEGER),
          'a whole number of seconds, 0 or more',
        ),
      ),
      refreshTokenIssued: measured(behaviours, 'refreshTokenIssued', boolean),
      refreshTokenRotates: measured(
        behaviours,
        'refreshTokenRotates',
        nullable(boolean, 'true or false'),
      ),
      tokenCors: measured(behaviours, 'tokenCors', boolean),
      apiCors: measured(behaviours, 'apiCors', boolean),
      bearerAccepted: measured(behaviours, 'bearerAccepted', boolean),
      authError: {
        status: wholeNumber(authError.status, 'behaviours.authError.status', 0, 599),
        errorClass: nullable(string, 'a string')(
          authError.errorClass,
          'behaviours.authError.errorClass',
        ),
        evidence: evidence(authError.evidence, 'behaviours.authError.evidence'),
      },
      tokenErrorStyle: measured(behaviours, 'tokenErrorStyle', (value, path) =>
        choice(value, path, ['rfc6749', 'workfront', 'workfront-boolean', 'unknown']),
      ),
      myWorkObjCode: measured(behaviours, 'myWorkObjCode', (value, path) =>
        choice(value, path, ['TASK_OPTASK', 'WORK', 'unknown']),
      ),
      myWorkPaging: measured(behaviours, 'myWorkPaging', (value, path) =>
        choice(value, path, ['honoured', 'ignored', 'limit-only', 'unknown']),
      ),
      apiVersions: {
        answered: strings(
          apiVersions.answered,
          'behaviours.apiVersions.answered',
          emulatorApiVersions,
        ),
        refused: strings(
          apiVersions.refused,
          'behaviours.apiVersions.refused',
          emulatorApiVersions,
        ),
        evidence: evidence(apiVersions.evidence, 'behaviours.apiVersions.evidence'),
      },
      issueStatuses: measured(behaviours, 'issueStatuses', strings),
    },
    notRun: root.notRun.map((entry: unknown, index) => {
      const path = `notRun[${index}]`;
      const record = object(entry, path, ['probe', 'reason']);
      return {
        probe: string(record.probe, `${path}.probe`),
        reason: string(record.reason, `${path}.reason`),
      };
    }),
  };
}

// --- Replaying ----------------------------------------------------------------------------------

/** What the emulator does with a profile. */
export interface ProfileReplay {
  /** Settings the profile determines; the others keep their values. */
  settings: Partial<Settings>;
  /** The seeded demo app's rotation (`wf-demo-spa`), when the profile measured it. */
  rotateRefreshToken?: boolean;
  /** What was not replayed, and why: one sentence each. Empty when the profile is replayed whole. */
  notes: string[];
}

export type ProfileReadResult =
  { ok: true; profile: InstanceProfile; replay: ProfileReplay } | { ok: false; message: string };

/** A body with `profileVersion` is a profile, not a settings patch. */
export function looksLikeProfile(input: unknown): boolean {
  return typeof input === 'object' && input !== null && Object.hasOwn(input, 'profileVersion');
}

const emulatorTokenTypes = ['Bearer', 'sessionID'] as const;

function replay(profile: InstanceProfile): ProfileReplay {
  const { behaviours } = profile;
  const settings: Partial<Settings> = {};
  const notes: string[] = [];
  // A probe that did not run leaves a placeholder value: only a probe named after a behaviour
  // says which one, and that behaviour is then left as it is.
  const skipped = new Set<string>();
  for (const { probe, reason } of profile.notRun) {
    if ((behaviourNames as string[]).includes(probe)) {
      skipped.add(probe);
      notes.push(`behaviours.${probe}: not replayed, the check did not run it (${reason})`);
    } else {
      notes.push(`The check did not run ${probe} (${reason})`);
    }
  }
  const measuredHere = (name: BehaviourName) => !skipped.has(name);

  if (measuredHere('stateEchoed')) settings.echoState = behaviours.stateEchoed.value;

  if (measuredHere('tokenType')) {
    const tokenType = emulatorTokenTypes.find((type) => type === behaviours.tokenType.value);
    if (tokenType === undefined) {
      throw new ProfileError(
        `behaviours.tokenType.value must be ${quoted(emulatorTokenTypes)}, the token types the emulator sends, not ${JSON.stringify(behaviours.tokenType.value)}`,
      );
    }
    settings.tokenType = tokenType;
  }

  if (measuredHere('expiresIn')) {
    const expiresIn = behaviours.expiresIn.value;
    const ttl = settingSpecs.accessTokenTtlSeconds;
    if (expiresIn === null) {
      notes.push(
        'behaviours.expiresIn: the instance sent no expires_in; the emulator always sends one, so accessTokenTtlSeconds and expiresInZero are left as they are',
      );
    } else if (expiresIn === 0) {
      settings.expiresInZero = true;
      notes.push(
        'behaviours.expiresIn: the instance sent expires_in 0, so its tokens\u2019 real lifetime is unknown; they live accessTokenTtlSeconds here, left as it is',
      );
    } else if (ttl.parse(expiresIn) === undefined) {
      throw new ProfileError(
        `behaviours.expiresIn.value must be 0, null or ${ttl.accepted} (the emulator's accessTokenTtlSeconds)`,
      );
    } else {
      settings.accessTokenTtlSeconds = expiresIn;
      settings.expiresInZero = false;
    }
  }

  if (measuredHere('refreshTokenIssued') && !behaviours.refreshTokenIssued.value) {
    notes.push(
      'behaviours.refreshTokenIssued: the instance issued no refresh token to a sign-in that asked for offline_access; the emulator always issues one then, so this is not replayed',
    );
  }

  let rotateRefreshToken: boolean | undefined;
  if (measuredHere('refreshTokenRotates')) {
    const rotates = behaviours.refreshTokenRotates.value;
    if (rotates === null) {
      notes.push(
        "behaviours.refreshTokenRotates: not measured, so the demo app's rotateRefreshToken is left as it is",
      );
    } else {
      rotateRefreshToken = rotates;
    }
  }

  if (measuredHere('tokenCors')) settings.tokenCors = behaviours.tokenCors.value;
  if (measuredHere('apiCors')) settings.apiCors = behaviours.apiCors.value;
  if (measuredHere('bearerAccepted')) settings.acceptBearer = behaviours.bearerAccepted.value;

  if (measuredHere('authError')) {
    const { status, errorClass } = behaviours.authError;
    const spec = settingSpecs.authErrorStatus;
    if (spec.parse(status) === undefined) {
      throw new ProfileError(
        `behaviours.authError.status must be ${spec.accepted} (the emulator's authErrorStatus), not ${status}`,
      );
    }
    settings.authErrorStatus = status;
    if (errorClass !== emulatorAuthErrorClass) {
      notes.push(
        `behaviours.authError.errorClass: the instance sent ${errorClass === null ? 'no error class' : errorClass}; the emulator always sends ${emulatorAuthErrorClass}`,
      );
    }
  }

  // These three carry the setting's own name and values, and `unknown`.
  for (const name of ['tokenErrorStyle', 'myWorkObjCode', 'myWorkPaging'] as const) {
    if (!measuredHere(name)) continue;
    const { value } = behaviours[name];
    if (value === 'unknown') notes.push(`behaviours.${name}: unknown, so ${name} is left as it is`);
    else Object.assign(settings, { [name]: value });
  }

  if (measuredHere('apiVersions')) {
    const { answered, refused } = behaviours.apiVersions;
    if (emulatorApiVersions.some((version) => !answered.includes(version))) {
      const list = (versions: string[]) => (versions.length > 0 ? versions.join(', ') : 'none');
      notes.push(
        `behaviours.apiVersions: not replayed; the instance answered ${list(answered)} and refused ${list(refused)}, the emulator answers ${emulatorApiVersions.join(', ')}`,
      );
    }
  }

  if (measuredHere('issueStatuses')) {
    const statuses = behaviours.issueStatuses.value;
    const extra = statuses.filter((status) => !emulatorIssueStatuses.includes(status));
    const absent = emulatorIssueStatuses.filter((status) => !statuses.includes(status));
    if (extra.length > 0 || absent.length > 0) {
      notes.push(
        `behaviours.issueStatuses: not replayed; the emulator's are ${emulatorIssueStatuses.join(', ')}${extra.length > 0 ? `; the instance also has ${extra.join(', ')}` : ''}${absent.length > 0 ? `; it lacks ${absent.join(', ')}` : ''}`,
      );
    }
  }

  return {
    settings,
    ...(rotateRefreshToken === undefined ? {} : { rotateRefreshToken }),
    notes,
  };
}

/**
 * Reads a profile and what it replays. A malformed profile, a newer version, or a value the
 * emulator cannot play is refused whole, with a message that names the field.
 */
export function readInstanceProfile(input: unknown): ProfileReadResult {
  try {
    const profile = readProfile(input);
    return { ok: true, profile, replay: replay(profile) };
  } catch (error) {
    if (error instanceof ProfileError) return { ok: false, message: error.message };
    throw error;
  }
}

// --- Writing ------------------------------------------------------------------------------------

/** What the app's check of `work/myWork` (`$$LIMIT=1` at `$$FIRST=0`, then 1) notes of each. */
const myWorkPagingNotes: Record<Settings['myWorkPaging'], string> = {
  honoured: 'one item at $$FIRST=0, another or none at $$FIRST=1',
  ignored: '$$LIMIT=1 answered with more than one item',
  'limit-only': '$$FIRST=1 answered with the item of $$FIRST=0',
};

/**
 * The profile that the app's check of an emulator with these settings gives, evidence included
 * as the check words it (src/workfront/instance-check.ts in the app). `readInstanceProfile` turns
 * it back into the same settings (those a profile carries); docs/sample-instance-profile.json is
 * the profile of the defaults.
 */
export function settingsToProfile(
  settings: Settings,
  rotateRefreshToken: boolean,
): InstanceProfile {
  // Names sorted, as the check records them.
  const tokenAnswer: Evidence = {
    keys: ['access_token', 'expires_in', 'refresh_token', 'token_type', 'wid'],
    note: "the sign-in's token answer",
  };
  const errorKeys =
    settings.tokenErrorStyle === 'rfc6749'
      ? ['error', 'error_description']
      : ['error', 'message', 'statusCode', 'type'];
  // What a page can read of a CORS answer: the safelisted headers the emulator sends.
  const readableHeaders = ['cache-control', 'content-type'];
  const bearerStatus = settings.acceptBearer ? 200 : settings.authErrorStatus;
  return {
    profileVersion,
    behaviours: {
      stateEchoed: {
        value: settings.echoState,
        evidence: {
          keys: ['code', 'domain', 'lane', ...(settings.echoState ? ['state'] : [])],
          note: "the callback's parameters",
        },
      },
      tokenType: { value: settings.tokenType, evidence: tokenAnswer },
      expiresIn: {
        value: settings.expiresInZero ? 0 : settings.accessTokenTtlSeconds,
        evidence: tokenAnswer,
      },
      refreshTokenIssued: { value: true, evidence: tokenAnswer },
      refreshTokenRotates: {
        value: rotateRefreshToken,
        evidence: { note: "the refresh token's fingerprint before and after the last refresh" },
      },
      tokenCors: {
        value: settings.tokenCors,
        evidence: settings.tokenCors
          ? { status: 400, headerNames: readableHeaders }
          : {
              note: 'TypeError: the browser could not read the answer to a refresh with a made-up token',
            },
      },
      apiCors: {
        value: settings.apiCors,
        evidence: settings.apiCors
          ? { status: settings.authErrorStatus, headerNames: readableHeaders }
          : {
              note: 'TypeError: the browser blocked a direct cross-origin call, so proxy mode is right for this instance',
            },
      },
      bearerAccepted: {
        value: settings.acceptBearer,
        evidence: { status: bearerStatus, keys: [settings.acceptBearer ? 'data' : 'error'] },
      },
      authError: {
        status: settings.authErrorStatus,
        errorClass: emulatorAuthErrorClass,
        evidence: { status: settings.authErrorStatus, keys: ['error'] },
      },
      tokenErrorStyle: {
        value: settings.tokenErrorStyle,
        evidence: { status: 400, keys: errorKeys },
      },
      myWorkObjCode: {
        value: settings.myWorkObjCode,
        evidence: { note: settings.myWorkObjCode === 'WORK' ? 'objCode WORK' : 'objCode TASK' },
      },
      myWorkPaging: {
        value: settings.myWorkPaging,
        evidence: { note: myWorkPagingNotes[settings.myWorkPaging] },
      },
      apiVersions: {
        answered: [...emulatorApiVersions],
        refused: [],
        evidence: { note: emulatorApiVersions.map((version) => `${version} 200`).join('; ') },
      },
      issueStatuses: {
        value: [...emulatorIssueStatuses],
        evidence: { status: 200, note: 'optask/metadata fields.status.possibleValues' },
      },
    },
    notRun: [],
  };
}
