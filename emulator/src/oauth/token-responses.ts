import type { Context } from 'hono';
import type { EmulatorEnv } from '../env.ts';
import type { Settings } from '../settings.ts';
import type { ClientAuthentication } from './client-authentication.ts';
import { tokenErrorBody, tokenErrorStatus, type TokenError } from './token-errors.ts';
import type { IssuedTokens } from './token-grants.ts';

/** RFC 6749 section 5.1: token answers are never cached. */
export const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** An error of the token, revoke or JWT exchange endpoint, in the configured style. */
export function tokenFailure(
  c: Context<EmulatorEnv>,
  failure: TokenError,
  settings: Settings,
  headers: Record<string, string> = {},
) {
  const status = tokenErrorStatus(failure);
  const body = tokenErrorBody(failure, status, settings.tokenErrorStyle);
  return c.json(body, status, { ...noStore, ...headers });
}

/** RFC 6749 section 5.2: a failed HTTP Basic authentication answers with a challenge. */
export function clientFailure(
  c: Context<EmulatorEnv>,
  client: ClientAuthentication & { ok: false },
  settings: Settings,
) {
  const challenge: Record<string, string> = client.usedBasic
    ? { 'WWW-Authenticate': 'Basic realm="workfront"' }
    : {};
  return tokenFailure(c, client.failure, settings, challenge);
}

/** The code-flow guide's token response; `wid` is the user's Workfront ID. */
export function tokenSuccess(c: Context<EmulatorEnv>, tokens: IssuedTokens, settings: Settings) {
  return c.json(
    {
      access_token: tokens.accessToken,
      token_type: settings.tokenType,
      expires_in: settings.expiresInZero ? 0 : settings.accessTokenTtlSeconds,
      ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken }),
      wid: tokens.userId,
    },
    200,
    noStore,
  );
}
