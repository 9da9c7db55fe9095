import { Hono } from 'hono';
import type { EmulatorEnv } from '../env.ts';
import type { Settings } from '../settings.ts';
import type { AppRegistry } from './apps.ts';
import { authenticateClient } from './client-authentication.ts';
import { readTokenBody } from './token-body.ts';
import { tokenError } from './token-errors.ts';
import type { TokenGrantHandler } from './token-grants.ts';
import type { IssuedTokens } from './token-grants.ts';
import { clientFailure, tokenFailure, tokenSuccess } from './token-responses.ts';

/** `POST /integrations/oauth2/api/v1/token`, with a form or a JSON body. */
export function createTokenRoute(deps: {
  apps: AppRegistry;
  grantTypes: Record<string, TokenGrantHandler>;
  settings: () => Settings;
  /** Told of every token issued, for tests that look for tokens where they must never be. */
  onIssued?: (tokens: IssuedTokens) => void;
}): Hono<EmulatorEnv> {
  const route = new Hono<EmulatorEnv>();
  route.post('/', async (c) => {
    const settings = deps.settings();
    const reading = readTokenBody(c.req.header('content-type'), await c.req.text());
    if (!reading.ok) return tokenFailure(c, reading.failure, settings);
    const { form } = reading;
    const grantType = form.grant_type;
    if (grantType === undefined) {
      return tokenFailure(c, tokenError('invalid_request', 'grant_type is required'), settings);
    }
    // Own keys only, so that `grant_type=toString` is simply unsupported.
    const handler = Object.hasOwn(deps.grantTypes, grantType)
      ? deps.grantTypes[grantType]
      : undefined;
    if (!handler) {
      const failure = tokenError(
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported`,
      );
      return tokenFailure(c, failure, settings);
    }
    const client = authenticateClient(deps.apps, form, c.req.header('authorization'));
    if (!client.ok) return clientFailure(c, client, settings);
    if (client.app.type === 'm2m') {
      const failure = tokenError(
        'unauthorized_client',
        'A machine-to-machine application exchanges a JWT at /integrations/oauth2/api/v1/jwt/exchange',
      );
      return tokenFailure(c, failure, settings);
    }
    const result = handler(form, client.app);
    if (!result.ok) return tokenFailure(c, result.failure, settings);
    deps.onIssued?.(result.tokens);
    return tokenSuccess(c, result.tokens, settings);
  });
  return route;
}
