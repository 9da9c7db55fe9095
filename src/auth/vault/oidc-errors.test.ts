import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { AuthProblemError } from '../auth-errors';
import { endsSession, toAuthProblem } from './oidc-errors';

const tokenEndpointError = (body: Record<string, string>, grantType = 'authorization_code') =>
  new ErrorResponse(
    { ...body, error: body.error ?? '' },
    new URLSearchParams({ grant_type: grantType }),
  );

describe('endsSession', () => {
  it.each(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_request'])(
    'ends the session on the RFC 6749 error %s',
    (code) => {
      expect(endsSession(tokenEndpointError({ error: code }))).toBe(true);
    },
  );

  it.each<[string, unknown]>([
    ['a network failure', new TypeError('Failed to fetch')],
    ['a timeout', new ErrorTimeout('Network timed out')],
    ['a 503 without JSON', new Error('Service Unavailable (503)')],
    ['a 429 without an OAuth error', new Error('Too Many Requests (429): {}')],
    ['an RFC 6749 server_error', tokenEndpointError({ error: 'server_error' })],
    [
      'an RFC 6749 temporarily_unavailable',
      tokenEndpointError({ error: 'temporarily_unavailable' }),
    ],
    ['an HTML page from a proxy', new Error('Invalid response Content-Type: text/html')],
  ])('retries after %s', (_, error) => {
    expect(endsSession(error)).toBe(false);
  });

  it('ends the session on a non-JSON 4xx answer', () => {
    expect(endsSession(new Error('Bad Request (400)'))).toBe(true);
  });

  it('ends the session on any problem but the network', () => {
    expect(endsSession(new AuthProblemError({ kind: 'network' }))).toBe(false);
    expect(
      endsSession(
        new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' }),
      ),
    ).toBe(true);
  });

  it('does not end the session on what is not an error', () => {
    expect(endsSession('Bad Request (400)')).toBe(false);
    expect(endsSession(undefined)).toBe(false);
  });
});

describe('toAuthProblem', () => {
  it('tells a refusal at the authorize step from one at the token endpoint', () => {
    expect(toAuthProblem(new ErrorResponse({ error: 'access_denied' }))).toEqual({
      kind: 'access-denied',
    });
    expect(toAuthProblem(tokenEndpointError({ error: 'invalid_grant' }))).toMatchObject({
      kind: 'code-rejected',
    });
  });

  it('reads a refused refresh token as a token error: no code was sent', () => {
    expect(toAuthProblem(tokenEndpointError({ error: 'invalid_grant' }, 'refresh_token'))).toEqual({
      kind: 'token-error',
      error: 'invalid_grant',
      description: null,
    });
  });

  it('recognises oidc-client-ts state errors', () => {
    expect(toAuthProblem(new Error('No matching state found in storage'))).toEqual({
      kind: 'state-mismatch',
      detail: 'unknown-state',
    });
  });

  it('reads a token endpoint error other than invalid_grant as a token error', () => {
    expect(
      toAuthProblem(tokenEndpointError({ error: 'invalid_client', error_description: 'unknown' })),
    ).toEqual({ kind: 'token-error', error: 'invalid_client', description: 'unknown' });
  });

  it('reads an authorize error other than access_denied as such', () => {
    expect(toAuthProblem(new ErrorResponse({ error: 'login_required' }))).toEqual({
      kind: 'authorization-error',
      error: 'login_required',
      description: null,
    });
  });

  it.each<[string, unknown, string]>([
    ['a network failure', new TypeError('Failed to fetch'), 'network'],
    ['a timeout', new ErrorTimeout('Network timed out'), 'network'],
    ['an answer that is not JSON', new SyntaxError('Unexpected token <'), 'invalid-token-response'],
    [
      'an HTML page',
      new Error('Invalid response Content-Type: text/html'),
      'invalid-token-response',
    ],
    ['anything else', new Error('boom'), 'unexpected'],
    ['a thrown string', 'boom', 'unexpected'],
  ])('reads %s', (_, error, kind) => {
    expect(toAuthProblem(error).kind).toBe(kind);
  });

  it('passes problems through', () => {
    expect(toAuthProblem(new AuthProblemError({ kind: 'network' }))).toEqual({ kind: 'network' });
  });
});
