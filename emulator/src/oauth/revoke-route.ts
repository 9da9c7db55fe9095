import { Hono } from 'hono';
import type { EmulatorEnv } from '../env.ts';
import type { Settings } from '../settings.ts';
import type { AccessTokenStore } from './access-tokens.ts';
import type { AppRegistry } from './apps.ts';
import { authenticateClient } from './client-authentication.ts';
import type { GrantStore } from './grants.ts';
import { readTokenBody } from './token-body.ts';
import { tokenError } from './token-errors.ts';
import { clientFailure, noStore, tokenFailure } from './token-responses.ts';

/**
 * `POST /integrations/oauth2/api/v1/revoke`: Workfront's demo signs out with
 * `{client_id, refresh_token, redirect_uri}`; RFC 7009's `token` is taken too, and may also name
 * an access token. A refresh token ends its whole grant, access tokens included.
 */
export function createRevokeRoute(deps: {
  apps: AppRegistry;
  grants: GrantStore;
  accessTokens: AccessTokenStore;
  settings: () => Settings;
}): Hono<EmulatorEnv> {
  const route = new Hono<EmulatorEnv>();
  route.post('/', async (c) => {
    const settings = deps.settings();
    const refuse = (description: string) =>
      tokenFailure(c, tokenError('invalid_request', description), settings);
    const reading = readTokenBody(c.req.header('content-type'), await c.req.text());
    if (!reading.ok) return tokenFailure(c, reading.failure, settings);
    const { form } = reading;
    const { refresh_token: refreshToken, token: rfcToken } = form;
    if (refreshToken !== undefined && rfcToken !== undefined && refreshToken !== rfcToken) {
      return refuse('Send the token once: refresh_token or token');
    }
    const token = refreshToken ?? rfcToken;
    if (token === undefined) return refuse('refresh_token is required');
    const client = authenticateClient(deps.apps, form, c.req.header('authorization'));
    if (!client.ok) return clientFailure(c, client, settings);
    const { clientId } = client.app;

    const grant = deps.grants.grantOfRefreshToken(token);
    const accessOwner =
      grant || refreshToken !== undefined ? null : deps.accessTokens.resolve(token);
    const owner = grant?.clientId ?? accessOwner?.clientId;
    if (owner !== undefined && owner !== clientId) {
      const failure = tokenError('invalid_grant', 'The token was issued to another client');
      return tokenFailure(c, failure, settings);
    }
    if (grant) deps.grants.revoke(grant.id);
    else if (accessOwner) deps.accessTokens.revoke(token);
    // RFC 7009 section 2.2: an unknown or already revoked token is answered 200 too.
    return c.body(null, 200, noStore);
  });
  return route;
}
