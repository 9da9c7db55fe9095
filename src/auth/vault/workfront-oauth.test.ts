import { ErrorResponse } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endsSession } from './oidc-errors';
import {
  installTokenEndpointFetch,
  normalizeTokenErrors,
  toRfc6749TokenError,
} from './workfront-oauth';

const tokenEndpoint = 'https://acme.my.workfront.com/integrations/oauth2/api/v1/token';

/** What oidc-client-ts makes of an error answer: the parsed body, as an ErrorResponse. */
async function libraryErrorFor(body: unknown, status: number) {
  const answer = Response.json(body, { status });
  const fetch = normalizeTokenErrors(() => Promise.resolve(answer), [tokenEndpoint]);
  const response = await fetch(tokenEndpoint, { method: 'POST' });
  return new ErrorResponse((await response.json()) as { error: string }, new URLSearchParams());
}

describe('a token error in each of the three styles', () => {
  const styles = {
    rfc6749: (type: string, status: number) => ({ error: type, error_description: `${status}` }),
    workfront: (type: string, status: number) => ({
      statusCode: status,
      error: status === 400 ? 'Bad Request' : 'Service Unavailable',
      type,
      message: 'The refresh token is invalid',
    }),
    'workfront-boolean': (type: string, status: number) => ({
      statusCode: status,
      error: true,
      type,
      message: 'The refresh token is invalid',
    }),
  };

  it.each(Object.entries(styles))('ends the session on a dead grant (%s)', async (_, body) => {
    const error = await libraryErrorFor(body('invalid_grant', 400), 400);
    expect(error.error).toBe('invalid_grant');
    expect(endsSession(error)).toBe(true);
  });

  it.each(Object.entries(styles))('retries a server error (%s)', async (_, body) => {
    const error = await libraryErrorFor(body('server_error', 503), 503);
    expect(error.error).toBe('server_error');
    expect(endsSession(error)).toBe(false);
  });

  it('keeps the message as the description', async () => {
    const error = await libraryErrorFor(styles['workfront-boolean']('invalid_grant', 400), 400);
    expect(error.error_description).toBe('The refresh token is invalid');
  });
});

describe('toRfc6749TokenError', () => {
  it('leaves RFC 6749 bodies alone', () => {
    expect(toRfc6749TokenError({ error: 'invalid_grant' }, 400)).toBeUndefined();
  });

  it.each<[unknown, number, string]>([
    [{ error: true }, 400, 'invalid_grant'],
    [{ error: true, statusCode: 503 }, 200, 'temporarily_unavailable'],
    [{ error: 'Too Many Requests' }, 429, 'temporarily_unavailable'],
    [{ error: 'Bad Gateway' }, 502, 'temporarily_unavailable'],
    [{ error: 'Unauthorized' }, 401, 'invalid_client'],
    [{ error: true, type: '' }, 400, 'invalid_grant'],
  ])('reads the status when there is no type: %j (HTTP %i)', (body, status, code) => {
    expect(toRfc6749TokenError(body, status)?.error).toBe(code);
  });

  it.each([null, 'text', 42, [], {}, { error: false }])('is not fooled by %j', (body) => {
    expect(toRfc6749TokenError(body, 400)).toBeUndefined();
  });
});

describe('normalizeTokenErrors', () => {
  it('passes other URLs and successes through untouched', async () => {
    const failure = Response.json({ error: true }, { status: 400 });
    const success = Response.json({ access_token: 'a' });
    const inner = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(failure)
      .mockResolvedValueOnce(success);
    const fetch = normalizeTokenErrors(inner, [tokenEndpoint]);
    expect(await fetch('https://elsewhere.example/token')).toBe(failure);
    expect(await fetch(tokenEndpoint)).toBe(success);
  });

  it('passes a body that is not JSON through, for the library to report', async () => {
    const page = new Response('<html>502</html>', { status: 502 });
    const fetch = normalizeTokenErrors(() => Promise.resolve(page), [tokenEndpoint]);
    expect(await fetch(tokenEndpoint)).toBe(page);
  });

  it('keeps the status and headers of a rewritten answer', async () => {
    const answer = Response.json({ error: true, type: 'invalid_grant' }, { status: 400 });
    const fetch = normalizeTokenErrors(() => Promise.resolve(answer), [tokenEndpoint]);
    const response = await fetch(tokenEndpoint);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  });
});

describe('Retry-After at the token endpoint', () => {
  it('is reported for error answers only', async () => {
    const seen: (string | null)[] = [];
    const answers = [
      new Response('', { status: 429, headers: { 'Retry-After': '3' } }),
      Response.json({ access_token: 'a' }, { headers: { 'Retry-After': '9' } }),
    ];
    const fetch = normalizeTokenErrors(
      () => Promise.resolve(answers.shift() ?? new Response()),
      [tokenEndpoint],
      { onRetryAfter: (header) => seen.push(header) },
    );
    await fetch(tokenEndpoint);
    await fetch(tokenEndpoint);
    expect(seen).toEqual(['3']);
  });
});

describe('the token endpoint timeout', () => {
  it('aborts a request to the endpoint that takes too long', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(init.signal?.reason as Error);
        });
      });
    const fetch = normalizeTokenErrors(hanging, [tokenEndpoint], { timeoutMs: 20 });
    await expect(fetch(tokenEndpoint, { method: 'POST' })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('leaves other requests without one', async () => {
    const inner = vi.fn<typeof fetch>().mockResolvedValue(new Response('ok'));
    const fetch = normalizeTokenErrors(inner, [tokenEndpoint], { timeoutMs: 20 });
    await fetch('https://elsewhere.example/api');
    expect(inner.mock.calls[0]?.[1]?.signal).toBeUndefined();
  });
});

describe('installTokenEndpointFetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const workfrontError = () =>
    Response.json({ error: true, type: 'invalid_grant', message: 'no' }, { status: 400 });

  it('wraps the global fetch for the endpoints, and returns the fetch it wrapped', async () => {
    const original = vi.fn<typeof fetch>(() => Promise.resolve(workfrontError()));
    vi.stubGlobal('fetch', original);
    const unwrapped = installTokenEndpointFetch([tokenEndpoint], {});

    expect(globalThis.fetch).not.toBe(original);
    expect(await (await globalThis.fetch(tokenEndpoint)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'no',
    });
    // The one returned sees the answer as Workfront sent it.
    expect(await (await unwrapped(tokenEndpoint)).json()).toEqual({
      error: true,
      type: 'invalid_grant',
      message: 'no',
    });
    expect(original).toHaveBeenCalledTimes(2);
  });

  it('installed again, wraps the original rather than the previous wrapper', async () => {
    const original = vi.fn<typeof fetch>(() =>
      Promise.resolve(new Response('', { status: 429, headers: { 'Retry-After': '3' } })),
    );
    vi.stubGlobal('fetch', original);
    const first = vi.fn();
    const second = vi.fn();
    installTokenEndpointFetch([tokenEndpoint], { onRetryAfter: first });
    const unwrapped = installTokenEndpointFetch([tokenEndpoint], { onRetryAfter: second });

    await globalThis.fetch(tokenEndpoint, { method: 'POST' });
    expect(second).toHaveBeenCalledExactlyOnceWith('3');
    expect(first).not.toHaveBeenCalled();
    expect(original).toHaveBeenCalledOnce();

    await unwrapped(tokenEndpoint);
    expect(second).toHaveBeenCalledOnce();
  });

  it('takes a fetch put in its place since as the new original', async () => {
    const before = vi.fn<typeof fetch>(() => Promise.resolve(new Response('before')));
    vi.stubGlobal('fetch', before);
    installTokenEndpointFetch([tokenEndpoint], {});
    const after = vi.fn<typeof fetch>(() => Promise.resolve(new Response('after')));
    vi.stubGlobal('fetch', after);
    const unwrapped = installTokenEndpointFetch([tokenEndpoint], {});

    expect(await (await unwrapped('https://elsewhere.example/')).text()).toBe('after');
    expect(await (await globalThis.fetch(tokenEndpoint)).text()).toBe('after');
    expect(before).not.toHaveBeenCalled();
  });

  it('gives the endpoints a timeout and leaves other requests alone', async () => {
    const original = vi.fn<typeof fetch>(() => Promise.resolve(new Response('ok')));
    vi.stubGlobal('fetch', original);
    installTokenEndpointFetch([tokenEndpoint], { timeoutMs: 10_000 });
    await globalThis.fetch(tokenEndpoint, { method: 'POST' });
    await globalThis.fetch('https://elsewhere.example/');
    expect(original.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(original.mock.calls[1]?.[1]?.signal).toBeUndefined();
  });
});
