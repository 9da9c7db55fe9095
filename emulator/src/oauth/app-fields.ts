import { normalizePem, publicKeyFingerprint, publicKeyProblem } from './public-keys.ts';

export const appTypes = ['spa', 'web', 'm2m'] as const;
export type AppType = (typeof appTypes)[number];

export const appTypeLabels: Record<AppType, string> = {
  spa: 'Single-page web application (PKCE)',
  web: 'Web application (authorization code with a client secret)',
  m2m: 'Machine to machine (JWT)',
};

/** What an administrator enters for an OAuth2 application. */
export interface AppFields {
  type: AppType;
  name: string;
  description: string;
  logoUrl: string;
  redirectUrls: string[];
  rotateRefreshToken: boolean;
  /** null is Workfront's "No expiration". */
  absoluteExpirationSeconds: number | null;
  inactivityExpirationSeconds: number;
  /** "App Description URL": an "About us" or integration page (single-page and web apps). */
  applicationDescriptionUrl: string;
  developerName: string;
  developerEmail: string;
  privacyPolicyUrl: string;
  /** Machine to machine only: the PEM public keys (or certificates) that verify its JWTs. */
  publicKeys: string[];
}

export type FieldErrors = Partial<Record<string, string>>;

export type AppFieldsResult = { ok: true; fields: AppFields } | { ok: false; errors: FieldErrors };

const sixMonthsInSeconds = 15_552_000;

export const newAppDefaults: Omit<AppFields, 'type' | 'name'> = {
  description: '',
  logoUrl: '',
  redirectUrls: [],
  rotateRefreshToken: true,
  absoluteExpirationSeconds: null,
  inactivityExpirationSeconds: sixMonthsInSeconds,
  applicationDescriptionUrl: '',
  developerName: '',
  developerEmail: '',
  privacyPolicyUrl: '',
  publicKeys: [],
};

/** Rules that follow the emulator's settings. */
export interface AppFieldRules {
  rejectLocalhostRedirects: boolean;
}

interface CheckContext extends AppFieldRules {
  /** The app's requested type, not yet checked. */
  type: unknown;
  existing: AppFields | undefined;
}

/** A field's message, or undefined when the value is fine. */
type FieldCheck = (value: unknown, context: CheckContext) => string | undefined;

function isHttpUrl(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** The text of Workfront's refusal, from the README of Workfront/oauth2-pkce-demo. */
export const localhostRedirectMessage = 'localhost cannot be used as a valid redirect URL';

const localhostNames = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLocalhostUrl = (value: string): boolean =>
  localhostNames.has(URL.parse(value)?.hostname ?? '');

const text =
  (maxLength: number): FieldCheck =>
  (value) =>
    typeof value !== 'string'
      ? 'Must be text'
      : value.length > maxLength
        ? `Must be at most ${maxLength} characters`
        : undefined;

const optionalHttpUrl: FieldCheck = (value) =>
  typeof value !== 'string' || (value !== '' && !isHttpUrl(value))
    ? 'Must be empty or an absolute http(s) URL'
    : undefined;

/** create-oauth-application.md gives a machine-to-machine app only a name and a description. */
const notForM2m =
  (check: FieldCheck): FieldCheck =>
  (value, context) =>
    context.type === 'm2m' && value !== ''
      ? 'A machine-to-machine app has no such field'
      : check(value, context);

const positiveSeconds = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function checkRedirectUrls(value: unknown, context: CheckContext): string | undefined {
  if (!isTextList(value)) return 'Must be a list of URLs';
  if (context.type === 'm2m') {
    return value.length === 0 ? undefined : 'A machine-to-machine app has no redirect URLs';
  }
  if (value.length === 0) return 'At least one redirect URL is required';
  const invalid = value.find((url) => !isHttpUrl(url) || url.includes('#'));
  if (invalid !== undefined) {
    return `"${invalid}" is not an absolute http(s) URL without a fragment`;
  }
  // URLs registered before the switch was turned on stay; they fail at authorize instead.
  const localhost = value.find(
    (url) => isLocalhostUrl(url) && !context.existing?.redirectUrls.includes(url),
  );
  if (context.rejectLocalhostRedirects && localhost !== undefined) {
    return `${localhostRedirectMessage}: ${localhost}`;
  }
  return new Set(value).size === value.length ? undefined : 'Redirect URLs must be distinct';
}

function checkPublicKeys(value: unknown, context: CheckContext): string | undefined {
  if (!isTextList(value)) return 'Must be a list of PEM public keys';
  if (value.length === 0) return undefined;
  if (context.type !== 'm2m') return 'Only a machine-to-machine app has public keys';
  const pems = value.map(normalizePem);
  for (const [index, pem] of pems.entries()) {
    const problem = publicKeyProblem(pem);
    if (problem !== undefined) return pems.length === 1 ? problem : `Key ${index + 1}: ${problem}`;
  }
  const fingerprints = new Set(pems.map(publicKeyFingerprint));
  return fingerprints.size === pems.length ? undefined : 'The same public key is listed twice';
}

const checks: Record<Exclude<keyof AppFields, 'type'>, FieldCheck> = {
  name: (value) =>
    typeof value !== 'string' || value.trim() === ''
      ? 'Name is required'
      : value.length > 100
        ? 'Must be at most 100 characters'
        : undefined,
  description: text(1000),
  logoUrl: notForM2m(optionalHttpUrl),
  redirectUrls: checkRedirectUrls,
  rotateRefreshToken: (value) => (typeof value === 'boolean' ? undefined : 'Must be true or false'),
  absoluteExpirationSeconds: (value) =>
    value === null || positiveSeconds(value)
      ? undefined
      : 'Must be a whole number of seconds above 0, or null for no expiration',
  inactivityExpirationSeconds: (value) =>
    positiveSeconds(value) ? undefined : 'Must be a whole number of seconds above 0',
  applicationDescriptionUrl: notForM2m(optionalHttpUrl),
  developerName: notForM2m(text(100)),
  developerEmail: notForM2m((value) =>
    typeof value !== 'string' || (value !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
      ? 'Must be empty or an email address'
      : undefined,
  ),
  privacyPolicyUrl: notForM2m(optionalHttpUrl),
  publicKeys: checkPublicKeys,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a whole new app, or a change to `existing` (PATCH semantics: keys left out keep their
 * value). Every field is checked so that all errors are reported at once.
 */
export function validateAppFields(
  input: unknown,
  existing: AppFields | undefined,
  rules: AppFieldRules,
): AppFieldsResult {
  if (!isRecord(input)) return { ok: false, errors: { form: 'Must be a JSON object' } };
  const errors: FieldErrors = {};
  const type = input.type ?? existing?.type;
  if (!appTypes.some((appType) => appType === type)) {
    errors.type = `Must be one of ${appTypes.join(', ')}`;
  } else if (existing !== undefined && type !== existing.type) {
    errors.type = 'The type of an app cannot be changed';
  }
  const candidate: Record<string, unknown> = {
    ...(existing ?? { ...newAppDefaults, name: '' }),
    ...input,
  };
  for (const key of Object.keys(input)) {
    if (key !== 'type' && !Object.hasOwn(checks, key)) errors[key] = 'Unknown field';
  }
  const context: CheckContext = { ...rules, type, existing };
  for (const [key, check] of Object.entries(checks)) {
    const message = check(candidate[key], context);
    if (message !== undefined) errors[key] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every key is known and passed its check, so the candidate is a whole AppFields.
  const fields = candidate as unknown as AppFields;
  return {
    ok: true,
    fields: {
      ...fields,
      name: fields.name.trim(),
      redirectUrls: [...fields.redirectUrls],
      publicKeys: fields.publicKeys.map(normalizePem),
    },
  };
}
