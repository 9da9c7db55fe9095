import { tokenError, type TokenError } from './token-errors.ts';

/** The fields of one request to the token, revoke or JWT exchange endpoint, each sent once. */
export type TokenForm = Partial<Record<string, string>>;

export type TokenBodyReading = { ok: true; form: TokenForm } | { ok: false; failure: TokenError };

const refuse = (description: string): TokenBodyReading => ({
  ok: false,
  failure: tokenError('invalid_request', description),
});

/** RFC 6749 section 3.2: a form in which no field is repeated. */
function readForm(body: string): TokenBodyReading {
  const form: TokenForm = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (form[key] !== undefined) return refuse(`${key} is repeated`);
    form[key] = value;
  }
  return { ok: true, form };
}

/** A JSON object of strings, as the code-flow guide's first example and Workfront's demo send. */
function readJson(body: string): TokenBodyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse('The body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse('The JSON body must be an object');
  }
  const form: TokenForm = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') return refuse(`${key} must be a string`);
    form[key] = value;
  }
  return { ok: true, form };
}

/** Reads a form-urlencoded or JSON body, by its Content-Type. */
export function readTokenBody(contentType: string | undefined, body: string): TokenBodyReading {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return readForm(body);
  if (mediaType === 'application/json') return readJson(body);
  return refuse('The body must be application/x-www-form-urlencoded or application/json');
}
