import { isLocalhostUrl, localhostRedirectMessage, type AppFieldRules } from './app-fields.ts';
import type { AppRegistry, OAuthApp } from './apps.ts';
import { isCodeChallenge } from './pkce.ts';

export interface AuthorizeRequest {
  app: OAuthApp;
  redirectUri: string;
  state: string | undefined;
  scope: string[];
  codeChallenge: string | null;
}

export type AuthorizeOutcome =
  /** The redirect URI cannot be trusted: show a page, never redirect (RFC 6749 section 4.1.2.1). */
  | { kind: 'page-error'; message: string }
  | {
      kind: 'redirect-error';
      redirectUri: string;
      state: string | undefined;
      error: 'invalid_request' | 'unsupported_response_type';
      description: string;
    }
  | { kind: 'valid'; request: AuthorizeRequest };

/** Checks the query of `GET /integrations/oauth2/authorize`: the client first, then the rest. */
export function parseAuthorizeRequest(
  params: URLSearchParams,
  apps: AppRegistry,
  rules: AppFieldRules,
): AuthorizeOutcome {
  const repeated = [...new Set(params.keys())].find((key) => params.getAll(key).length > 1);
  if (repeated === 'client_id' || repeated === 'redirect_uri') {
    return { kind: 'page-error', message: `The request repeats ${repeated}.` };
  }
  const clientId = params.get('client_id');
  if (!clientId) return { kind: 'page-error', message: 'The request has no client_id.' };
  const app = apps.get(clientId);
  if (!app) {
    return { kind: 'page-error', message: `No OAuth2 application has the client ID ${clientId}.` };
  }
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return { kind: 'page-error', message: 'The request has no redirect_uri.' };
  // An instance that refuses localhost never lets such a URL be registered, whatever the seed has.
  if (rules.rejectLocalhostRedirects && isLocalhostUrl(redirectUri)) {
    return { kind: 'page-error', message: `${localhostRedirectMessage}: ${redirectUri}` };
  }
  if (!app.redirectUrls.includes(redirectUri)) {
    return {
      kind: 'page-error',
      message: `The redirect URI ${redirectUri} is not registered for ${app.name}.`,
    };
  }

  const state = params.get('state') ?? undefined;
  const refuse = (
    error: 'invalid_request' | 'unsupported_response_type',
    description: string,
  ): AuthorizeOutcome => ({ kind: 'redirect-error', redirectUri, state, error, description });
  if (repeated !== undefined) return refuse('invalid_request', `${repeated} is repeated`);
  const responseType = params.get('response_type');
  if (responseType === null) return refuse('invalid_request', 'response_type is required');
  if (responseType !== 'code') {
    return refuse('unsupported_response_type', 'Only response_type=code is supported');
  }
  const codeChallenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  // PKCE is required of a single-page application, and checked for a web application that uses it.
  if (app.type === 'spa' || codeChallenge !== null || method !== null) {
    if (method !== 'S256') {
      return refuse('invalid_request', 'code_challenge_method must be S256');
    }
    if (codeChallenge === null || !isCodeChallenge(codeChallenge)) {
      return refuse('invalid_request', 'code_challenge must be 43 base64url characters');
    }
  }
  const scope = (params.get('scope') ?? '').split(' ').filter((item) => item !== '');
  return { kind: 'valid', request: { app, redirectUri, state, scope, codeChallenge } };
}
