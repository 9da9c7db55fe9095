import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../src/settings.ts';
import {
  colleagueToken,
  demoToken,
  readData,
  readError,
  startApiServer,
  type ApiTestServer,
} from './api-test-server.ts';

let server: ApiTestServer;

beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  Object.assign(server.settings, defaultSettings);
});

const notLoggedIn = {
  class: 'com.attask.common.AuthenticationException',
  message: 'You are not currently logged in.',
  title: null,
  msgKey: 'exception.authentication',
  attributes: [],
  code: 0,
};

describe('authentication', () => {
  it('refuses a request without a session with the exact AuthenticationException envelope', async () => {
    const response = await server.request('/v16.0/user/search', { token: null });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: notLoggedIn });
  });

  it('refuses an unknown session ID', async () => {
    const response = await server.request('/v16.0/user/search', { token: 'no-such-session' });
    expect(response.status).toBe(401);
    expect(await readError(response)).toEqual(notLoggedIn);
  });

  it('accepts the session ID as a header or as a query parameter', async () => {
    expect((await server.request('/v16.0/user/search')).status).toBe(200);
    const response = await fetch(server.url(`/v16.0/user/search?sessionID=${demoToken}`));
    expect(response.status).toBe(200);
  });

  it('accepts Authorization: Bearer only when acceptBearer is on', async () => {
    const bearer = { token: null, headers: { Authorization: `Bearer ${demoToken}` } };
    expect((await server.request('/v16.0/user/search', bearer)).status).toBe(401);
    server.settings.acceptBearer = true;
    expect((await server.request('/v16.0/user/search', bearer)).status).toBe(200);
  });

  it('answers with the configured status, the envelope unchanged', async () => {
    for (const status of [200, 500, 403]) {
      server.settings.authErrorStatus = status;
      const response = await server.request('/v16.0/task/search', { token: null });
      expect(response.status).toBe(status);
      expect(await readError(response)).toEqual(notLoggedIn);
    }
  });

  it('checks the session before the route exists or not', async () => {
    const response = await server.request('/v16.0/nothing/here/at/all', { token: null });
    expect(response.status).toBe(401);
  });
});

describe('versions', () => {
  it('serves v16.0 to v22.0 and the unversioned path', async () => {
    for (const prefix of [
      '/v16.0',
      '/v17.0',
      '/v18.0',
      '/v19.0',
      '/v20.0',
      '/v21.0',
      '/v22.0',
      '',
    ]) {
      const response = await server.request(`${prefix}/user/search?ID=$$USER.ID`);
      expect(response.status, prefix).toBe(200);
      expect(await readData(response)).toMatchObject([{ emailAddr: 'demo@example.com' }]);
    }
  });

  it('refuses a retired version with 410', async () => {
    const response = await server.request('/v15.0/user/search');
    expect(response.status).toBe(410);
    const error = await readError(response);
    expect(error.class).toBe('com.attask.common.UnsupportedVersionException');
    expect(error.message).toContain('retired');
  });

  it('refuses a version that does not exist with 400', async () => {
    for (const version of ['v99.0', 'v16', 'v16.5']) {
      const response = await server.request(`/${version}/user/search`);
      expect(response.status, version).toBe(400);
      expect((await readError(response)).message).toContain('v16.0 to v22.0');
    }
  });
});

describe('every response', () => {
  it('is JSON with Cache-Control: no-store, success or failure', async () => {
    const responses = await Promise.all([
      server.request('/v16.0/task/search'),
      server.request('/v16.0/task/search', { token: null }),
      server.request('/v16.0/task/search?$$LIMIT=5000'),
      server.request('/v15.0/task/search'),
      server.request('/v16.0/unknown/search'),
    ]);
    for (const response of responses) {
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    }
  });

  it('is a NotFoundException envelope for an unknown object code or route', async () => {
    const requests = [
      server.request('/v16.0/widget/search'),
      server.request('/v16.0/task/search/more'),
      server.request('/v16.0/work/theirWork'),
      server.request('/v16.0/task/search', { method: 'DELETE' }),
      server.request('/v16.0'),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.status).toBe(404);
      expect(await readError(response)).toMatchObject({
        class: 'com.attask.common.NotFoundException',
        title: null,
        attributes: [],
        code: 0,
      });
    }
  });
});

describe('logout', () => {
  it('ends the session with GET or POST', async () => {
    for (const method of ['GET', 'POST']) {
      server.sessions.set('short-lived', server.data.users[0]?.ID ?? '');
      const response = await server.request('/v16.0/logout', { method, token: 'short-lived' });
      expect(await readData(response)).toEqual({ success: true });
      expect(server.sessions.has('short-lived')).toBe(false);
      const after = await server.request('/v16.0/user/search', { token: 'short-lived' });
      expect(after.status).toBe(401);
    }
  });
});

describe('the concurrency cap', () => {
  /**
   * A PUT whose body stays half-sent, so the request stays in flight until finish() is called.
   * (The request reaches the server with its first chunk.)
   */
  function heldPut(token: string) {
    const encoder = new TextEncoder();
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(streamController) {
        controller = streamController;
        streamController.enqueue(encoder.encode('{"percentComplete":'));
      },
    });
    const taskId = server.data.tasks[0]?.ID ?? '';
    const response = server.request(`/v16.0/task/${taskId}`, {
      method: 'PUT',
      token,
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    });
    return {
      response,
      finish() {
        controller?.enqueue(encoder.encode('40}'));
        controller?.close();
      },
    };
  }

  async function expectCapReached(): Promise<void> {
    await vi.waitFor(
      async () => {
        expect((await server.request('/v16.0/user/count')).status).toBe(429);
      },
      { timeout: 5000, interval: 10 },
    );
  }

  it('refuses requests beyond maxConcurrentRequests per user, and frees slots when they end', async () => {
    server.settings.maxConcurrentRequests = 2;
    const held = [heldPut(demoToken), heldPut(demoToken)];
    await expectCapReached();

    const refused = await server.request('/v16.0/user/count');
    expect(refused.status).toBe(429);
    expect(await readError(refused)).toMatchObject({
      class: 'com.attask.common.ApiThreadLimitException',
      message: expect.stringContaining('at most 2') as unknown,
    });
    expect((await server.request('/v16.0/user/count', { token: colleagueToken })).status).toBe(200);

    for (const request of held) request.finish();
    for (const request of held) expect((await request.response).status).toBe(200);
    expect((await server.request('/v16.0/user/count')).status).toBe(200);
  });

  it('is off at 0', async () => {
    server.settings.maxConcurrentRequests = 1;
    const held = heldPut(demoToken);
    await expectCapReached();
    server.settings.maxConcurrentRequests = 0;
    expect((await server.request('/v16.0/user/count')).status).toBe(200);
    held.finish();
    expect((await held.response).status).toBe(200);
  });
});
