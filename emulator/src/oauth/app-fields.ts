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
  developerName: string;
  developerEmail: string;
  privacyPolicyUrl: string;
  /** Machine to machine only: the PEM public key that verifies the app's JWTs. */
  publicKey: string;
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
  developerName: '',
  developerEmail: '',
  privacyPolicyUrl: '',
  publicKey: '',
};

/** A field's message, or undefined when the value is fine; `type` is the app's requested type. */
type FieldCheck = (value: unknown, type: unknown) => string | undefined;

function isHttpUrl(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

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

const positiveSeconds = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

function checkRedirectUrls(value: unknown, type: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((url) => typeof url === 'string')) {
    return 'Must be a list of URLs';
  }
  if (type === 'm2m') {
    return value.length === 0 ? undefined : 'A machine-to-machine app has no redirect URLs';
  }
  if (value.length === 0) return 'At least one redirect URL is required';
  const invalid = value.find((url) => !isHttpUrl(url) || url.includes('#'));
  if (invalid !== undefined) {
    return `"${invalid}" is not an absolute http(s) URL without a fragment`;
  }
  return new Set(value).size === value.length ? undefined : 'Redirect URLs must be distinct';
}

function checkPublicKey(value: unknown, type: unknown): string | undefined {
  if (typeof value !== 'string') return 'Must be text';
  if (value === '') return undefined;
  if (type !== 'm2m') return 'Only a machine-to-machine app has a public key';
  return /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(value.trim())
    ? undefined
    : 'Must be a PEM public key (-----BEGIN PUBLIC KEY-----)';
}

const checks: Record<Exclude<keyof AppFields, 'type'>, FieldCheck> = {
  name: (value) =>
    typeof value !== 'string' || value.trim() === ''
      ? 'Name is required'
      : value.length > 100
        ? 'Must be at most 100 characters'
        : undefined,
  description: text(1000),
  logoUrl: optionalHttpUrl,
  redirectUrls: checkRedirectUrls,
  rotateRefreshToken: (value) => (typeof value === 'boolean' ? undefined : 'Must be true or false'),
  absoluteExpirationSeconds: (value) =>
    value === null || positiveSeconds(value)
      ? undefined
      : 'Must be a whole number of seconds above 0, or null for no expiration',
  inactivityExpirationSeconds: (value) =>
    positiveSeconds(value) ? undefined : 'Must be a whole number of seconds above 0',
  developerName: text(100),
  developerEmail: (value) =>
    typeof value !== 'string' || (value !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
      ? 'Must be empty or an email address'
      : undefined,
  privacyPolicyUrl: optionalHttpUrl,
  publicKey: checkPublicKey,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a whole new app, or a change to `existing` (PATCH semantics: keys left out keep their
 * value). Every field is checked so that all errors are reported at once.
 */
export function validateAppFields(input: unknown, existing?: AppFields): AppFieldsResult {
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
  for (const [key, check] of Object.entries(checks)) {
    const message = check(candidate[key], type);
    if (message !== undefined) errors[key] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every key is known and passed its check, so the candidate is a whole AppFields.
  const fields = candidate as unknown as AppFields;
  return {
    ok: true,
    fields: { ...fields, name: fields.name.trim(), redirectUrls: [...fields.redirectUrls] },
  };
}
