import { Hono } from 'hono';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { EmulatorEnv } from '../env.ts';
import type { Settings } from '../settings.ts';
import type { WorkfrontUser } from '../workfront/records.ts';
import type { AccessTokenStore } from './access-tokens.ts';
import type { AppRegistry, OAuthApp } from './apps.ts';
import { authenticateClient } from './client-authentication.ts';
import type { GrantStore } from './grants.ts';
import { instance } from './instance.ts';
import { publicKeyOf } from './public-keys.ts';
import { readTokenBody } from './token-body.ts';
import { tokenError } from './token-errors.ts';
import { clientFailure, tokenFailure, tokenSuccess } from './token-responses.ts';

/**
 * The guide asks for a JWT that lives "a few minutes" and sets no limit; the emulator refuses one
 * that lives longer than a day, which is most often `exp` written in milliseconds.
 */
const maxLifetimeSeconds = 86_400;

type Verification = { ok: true; payload: JWTPayload } | { ok: false; description: string };

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The JWT expired: its exp is past';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? `The JWT has no ${error.claim} claim, which is required`
      : `The JWT's ${error.claim} claim is invalid: ${error.message}`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The JWT must be signed with RS256';
  if (error instanceof errors.JOSEError) return `jwt_token is not a valid JWT: ${error.message}`;
  throw error;
}

/** RS256, checked by jose against each public key of the app, on the emulator clock. */
async function verifyJwt(jwt: string, app: OAuthApp, now: number): Promise<Verification> {
  if (app.publicKeys.length === 0) {
    return { ok: false, description: 'The application has no public key: add one in its setup' };
  }
  for (const pem of app.publicKeys) {
    try {
      const { payload } = await jwtVerify(jwt, publicKeyOf(pem), {
        algorithms: ['RS256'],
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iss', 'sub'],
      });
      return { ok: true, payload };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { ok: false, description: describeJoseError(error) };
    }
  }
  const description = "The JWT's signature matches none of the application's public keys";
  return { ok: false, description };
}

/** Claims beyond the signature: oauth-app-jwt-flow.md's `iss` and `sub`, and a sane `exp`. */
function checkClaims(
  payload: JWTPayload,
  users: readonly WorkfrontUser[],
  now: number,
): { ok: true; user: WorkfrontUser } | { ok: false; description: string } {
  if ((payload.exp ?? 0) > now / 1000 + maxLifetimeSeconds) {
    return {
      ok: false,
      description: 'The JWT expires more than a day from now: keep exp minutes away',
    };
  }
  if (payload.iss !== instance.customerId) {
    const description = "iss must be the customer ID shown in the application's details";
    return { ok: false, description };
  }
  const user = users.find((candidate) => candidate.ID === payload.sub);
  if (!user) return { ok: false, description: 'sub is not the ID of a user of this instance' };
  if (!user.isActive) return { ok: false, description: 'sub names a deactivated user' };
  return { ok: true, user };
}

/**
 * `POST /integrations/oauth2/api/v1/jwt/exchange` (oauth-app-jwt-flow.md): `client_id`,
 * `client_secret` and `jwt_token`, form-encoded (JSON is read too, as at the token endpoint).
 * The answer is the token endpoint's, without a refresh token: a new JWT gets a new session.
 */
export function createJwtExchangeRoute(deps: {
  apps: AppRegistry;
  grants: GrantStore;
  accessTokens: AccessTokenStore;
  users: () => readonly WorkfrontUser[];
  settings: () => Settings;
  now: () => number;
}): Hono<EmulatorEnv> {
  const route = new Hono<EmulatorEnv>();
  route.post('/', async (c) => {
    const settings = deps.settings();
    const refuse = (...args: Parameters<typeof tokenError>) =>
      tokenFailure(c, tokenError(...args), settings);
    const reading = readTokenBody(c.req.header('content-type'), await c.req.text());
    if (!reading.ok) return tokenFailure(c, reading.failure, settings);
    const { form } = reading;
    const jwt = form.jwt_token;
    if (jwt === undefined) return refuse('invalid_request', 'jwt_token is required');
    const client = authenticateClient(deps.apps, form, c.req.header('authorization'));
    if (!client.ok) return clientFailure(c, client, settings);
    const { app } = client;
    if (app.type !== 'm2m') {
      return refuse('unauthorized_client', 'Only a machine-to-machine application exchanges a JWT');
    }
    const now = deps.now();
    const verification = await verifyJwt(jwt, app, now);
    if (!verification.ok) return refuse('invalid_grant', verification.description);
    const claims = checkClaims(verification.payload, deps.users(), now);
    if (!claims.ok) return refuse('invalid_grant', claims.description);
    const userId = claims.user.ID;
    const grant = deps.grants.start({ clientId: app.clientId, userId, scope: [] });
    const owner = { userId, clientId: app.clientId, grantId: grant.id };
    const accessToken = deps.accessTokens.issue(owner, settings.accessTokenTtlSeconds);
    return tokenSuccess(c, { accessToken, userId }, settings);
  });
  return route;
}
