import { Hono } from 'hono';
import type { Settings } from '../settings.ts';
import type { EmulatorEnv } from '../http/env.ts';
import type { AppRegistry } from './apps.ts';
import { authenticateClient } from './client-authentication.ts';
import { tokenError, tokenErrorBody, tokenErrorStatus, type TokenError } from './token-errors.ts';
import type { TokenForm, TokenGrantHandler } from './token-grants.ts';

const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

type FormReading = { ok: true; form: TokenForm } | { ok: false; failure: TokenError };

/** RFC 6749 section 3.2: a form-encoded body in which no field is repeated. */
function readForm(contentType: string | undefined, body: string): FormReading {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    const failure = tokenError('invalid_request', 'The body must be form-urlencoded');
    return { ok: false, failure };
  }
  const form: TokenForm = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (form[key] !== undefined) {
      return { ok: false, failure: tokenError('invalid_request', `${key} is repeated`) };
    }
    form[key] = value;
  }
  return { ok: true, form };
}

/** `POST /integrations/oauth2/api/v1/token`. */
export function createTokenRoute(deps: {
  apps: AppRegistry;
  grantTypes: Record<string, TokenGrantHandler>;
  settings: () => Settings;
}): Hono<EmulatorEnv> {
  const route = new Hono<EmulatorEnv>();
  route.post('/', async (c) => {
    const fail = (failure: TokenError, headers: Record<string, string> = {}) => {
      const status = tokenErrorStatus(failure);
      const body = tokenErrorBody(failure, status, deps.settings().tokenErrorStyle);
      return c.json(body, status, { ...noStore, ...headers });
    };
    const reading = readForm(c.req.header('content-type'), await c.req.text());
    if (!reading.ok) return fail(reading.failure);
    const { form } = reading;
    const grantType = form.grant_type;
    if (grantType === undefined)
      return fail(tokenError('invalid_request', 'grant_type is required'));
    // Own keys only, so that `grant_type=toString` is simply unsupported.
    const handler = Object.hasOwn(deps.grantTypes, grantType)
      ? deps.grantTypes[grantType]
      : undefined;
    if (!handler) {
      return fail(tokenError('unsupported_grant_type', `grant_type ${grantType} is not supported`));
    }
    const client = authenticateClient(deps.apps, form, c.req.header('authorization'));
    if (!client.ok) {
      const challenge: Record<string, string> = client.usedBasic
        ? { 'WWW-Authenticate': 'Basic realm="workfront"' }
        : {};
      return fail(client.failure, challenge);
    }
    const result = handler(form, client.app);
    if (!result.ok) return fail(result.failure);
    const { tokens } = result;
    const settings = deps.settings();
    return c.json(
      {
        access_token: tokens.accessToken,
        token_type: settings.tokenType,
        expires_in: settings.accessTokenTtlSeconds,
        ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken }),
        wid: tokens.userId,
      },
      200,
      noStore,
    );
  });
  return route;
}
