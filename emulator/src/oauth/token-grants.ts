import type { Settings } from '../settings.ts';
import type { AccessTokenStore } from './access-tokens.ts';
import type { OAuthApp } from './apps.ts';
import type { AuthorizationCodeStore } from './authorization-codes.ts';
import type { Grant, GrantStore } from './grants.ts';
import { isCodeVerifier, verifierMatches } from './pkce.ts';
import type { TokenForm } from './token-body.ts';
import { tokenError, type TokenError } from './token-errors.ts';

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  userId: string;
}

export type TokenGrantResult =
  { ok: true; tokens: IssuedTokens } | { ok: false; failure: TokenError };

export type TokenGrantHandler = (form: TokenForm, app: OAuthApp) => TokenGrantResult;

const refuse = (...args: Parameters<typeof tokenError>): TokenGrantResult => ({
  ok: false,
  failure: tokenError(...args),
});

/** RFC 7636 section 4.6; a verifier for a code that had no challenge is refused too. */
function checkVerifier(
  challenge: string | null,
  verifier: string | undefined,
): TokenError | undefined {
  if (challenge === null) {
    return verifier === undefined
      ? undefined
      : tokenError('invalid_grant', 'The authorization request had no code_challenge');
  }
  if (verifier === undefined) return tokenError('invalid_request', 'code_verifier is required');
  if (!isCodeVerifier(verifier)) {
    return tokenError('invalid_request', 'code_verifier must be 43 to 128 unreserved characters');
  }
  return verifierMatches(verifier, challenge)
    ? undefined
    : tokenError('invalid_grant', 'code_verifier does not match the code_challenge');
}

/** The grant types of the token endpoint, without HTTP and client authentication. */
export function createTokenGrants(deps: {
  codes: AuthorizationCodeStore;
  grants: GrantStore;
  accessTokens: AccessTokenStore;
  settings: () => Settings;
  now: () => number;
}): Record<'authorization_code' | 'refresh_token', TokenGrantHandler> {
  function accessTokenFor(grant: Grant): string {
    const ttlSeconds = deps.settings().accessTokenTtlSeconds;
    const owner = { userId: grant.userId, clientId: grant.clientId, grantId: grant.id };
    return deps.accessTokens.issue(owner, ttlSeconds);
  }

  return {
    authorization_code(form, app) {
      const { code: codeValue, redirect_uri: redirectUri, code_verifier: verifier } = form;
      if (codeValue === undefined) return refuse('invalid_request', 'code is required');
      if (redirectUri === undefined) return refuse('invalid_request', 'redirect_uri is required');
      const code = deps.codes.find(codeValue);
      if (!code) return refuse('invalid_grant', 'The authorization code is unknown');
      if (code.redeemedBy !== null) {
        // RFC 6749 section 4.1.2: a replayed code should revoke what it already issued.
        deps.grants.revoke(code.redeemedBy);
        return refuse(
          'invalid_grant',
          'The authorization code was already used; its tokens are revoked',
        );
      }
      if (deps.now() >= code.expiresAt) {
        return refuse('invalid_grant', 'The authorization code expired');
      }
      if (code.clientId !== app.clientId) {
        return refuse('invalid_grant', 'The authorization code was issued to another client');
      }
      if (code.redirectUri !== redirectUri) {
        return refuse('invalid_grant', 'redirect_uri differs from the authorization request');
      }
      const verifierFailure = checkVerifier(code.codeChallenge, verifier);
      if (verifierFailure) return { ok: false, failure: verifierFailure };
      const grant = deps.grants.start({
        clientId: code.clientId,
        userId: code.userId,
        scope: code.scope,
      });
      code.redeemedBy = grant.id;
      const offline =
        grant.scope.includes('offline_access') || deps.settings().refreshWithoutOfflineAccess;
      return {
        ok: true,
        tokens: {
          accessToken: accessTokenFor(grant),
          userId: grant.userId,
          ...(offline ? { refreshToken: deps.grants.issueRefreshToken(grant.id) } : {}),
        },
      };
    },

    refresh_token(form, app) {
      if (form.refresh_token === undefined) {
        return refuse('invalid_request', 'refresh_token is required');
      }
      const outcome = deps.grants.redeemRefreshToken(form.refresh_token, app);
      if (!outcome.ok) return refuse('invalid_grant', outcome.description);
      return {
        ok: true,
        tokens: {
          accessToken: accessTokenFor(outcome.grant),
          refreshToken: outcome.refreshToken,
          userId: outcome.grant.userId,
        },
      };
    },
  };
}
