import type { AppRegistry, OAuthApp } from './apps.ts';
import { tokenError, type TokenError } from './token-errors.ts';
import type { TokenForm } from './token-body.ts';

export type ClientAuthentication =
  { ok: true; app: OAuthApp } | { ok: false; failure: TokenError; usedBasic: boolean };

interface Credentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
  usedBasic: boolean;
}

function decodeFormComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/** RFC 6749 section 2.3.1: HTTP Basic with form-urlencoded ID and secret, or form fields. */
function readCredentials(
  form: TokenForm,
  authorization: string | undefined,
): Credentials | TokenError {
  if (authorization === undefined || !/^basic /i.test(authorization)) {
    return { clientId: form.client_id, clientSecret: form.client_secret, usedBasic: false };
  }
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return tokenError('invalid_client', 'The Authorization header is malformed');
  const clientId = decodeFormComponent(decoded.slice(0, colon));
  const clientSecret = decodeFormComponent(decoded.slice(colon + 1));
  if (clientId === undefined || clientSecret === undefined) {
    return tokenError('invalid_client', 'The Authorization header is malformed');
  }
  if (form.client_secret !== undefined) {
    return tokenError('invalid_request', 'Send the client secret once: header or form');
  }
  if (form.client_id !== undefined && form.client_id !== clientId) {
    return tokenError('invalid_request', 'client_id differs from the Authorization header');
  }
  return { clientId, clientSecret, usedBasic: true };
}

/** Checks who the client is: a single-page app sends no secret, the other types must send theirs. */
export function authenticateClient(
  apps: AppRegistry,
  form: TokenForm,
  authorization: string | undefined,
): ClientAuthentication {
  const credentials = readCredentials(form, authorization);
  if ('error' in credentials) return { ok: false, failure: credentials, usedBasic: true };
  const { clientId, clientSecret, usedBasic } = credentials;
  const refuse = (...args: Parameters<typeof tokenError>): ClientAuthentication => ({
    ok: false,
    failure: tokenError(...args),
    usedBasic,
  });
  if (clientId === undefined) return refuse('invalid_request', 'client_id is required');
  const app = apps.get(clientId);
  if (!app) return refuse('invalid_client', 'The client is unknown');
  if (app.type === 'spa') {
    return clientSecret === undefined
      ? { ok: true, app }
      : refuse('invalid_client', 'A single-page application has no client secret');
  }
  return clientSecret !== undefined && apps.verifyClientSecret(clientId, clientSecret)
    ? { ok: true, app }
    : refuse('invalid_client', 'The client secret is missing or wrong');
}
