import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { AuthProblemError, endsSession, toAuthProblem } from './auth-errors';

const tokenEndpointError = (body: Record<string, string>) =>
  new ErrorResponse({ ...body, error: body.error ?? '' }, new URLSearchParams({ grant_type: 'x' }));

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

  it('recognises oidc-client-ts state errors', () => {
    expect(toAuthProblem(new Error('No matching state found in storage'))).toEqual({
      kind: 'state-mismatch',
      detail: 'unknown-state',
    });
  });

  it('passes problems through', () => {
    expect(toAuthProblem(new AuthProblemError({ kind: 'network' }))).toEqual({ kind: 'network' });
  });
});
