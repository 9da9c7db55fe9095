import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmulatorControl,
  demoClientId,
  emulatorControlUrl,
  isTokenCall,
  type EmulatorControl,
  type LogEntry,
} from './emulator-control';

/*
 * The emulator's side is a stand-in here (src/ shares no code with emulator/): each test says
 * what the control API answers, and checks what the client sent and made of the answer.
 */
const baseUrl = 'http://localhost:8787';

interface Sent {
  method: string;
  path: string;
  contentType: string | null;
  body: string;
}

const server = setupServer();
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => {
  server.close();
});

/** The control API answers every request with `answer`; the requests are kept. */
function answerWith(answer: () => Response | Promise<Response>): Sent[] {
  const sent: Sent[] = [];
  server.use(
    http.all(`${baseUrl}/__emulator/*`, async ({ request }) => {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        contentType: request.headers.get('content-type'),
        body: await request.text(),
      });
      return answer();
    }),
  );
  return sent;
}

const noContent = () => new HttpResponse(null, { status: 204 });

const entry = (fields: Partial<LogEntry>): LogEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  path: '/',
  endpoint: 'other',
  status: 200,
  durationMs: 1,
  ...fields,
});

describe('createEmulatorControl', () => {
  const emulator = createEmulatorControl(baseUrl);

  const calls: [
    name: string,
    call: (control: EmulatorControl) => Promise<unknown>,
    method: string,
    path: string,
    body?: unknown,
  ][] = [
    ['reset', (c) => c.reset(), 'POST', '/reset'],
    [
      'settings',
      (c) => c.settings({ echoState: false, tokenType: 'Bearer' }),
      'POST',
      '/settings',
      { echoState: false, tokenType: 'Bearer' },
    ],
    ['currentSettings', (c) => c.currentSettings(), 'GET', '/settings'],
    [
      'replayProfile',
      (c) => c.replayProfile({ profileVersion: 1, behaviours: {} }),
      'POST',
      '/settings',
      { profileVersion: 1, behaviours: {} },
    ],
    ['clock', (c) => c.clock(), 'GET', '/clock'],
    ['advanceClock', (c) => c.advanceClock(90), 'POST', '/clock', { advanceSeconds: 90 }],
    [
      'fault',
      (c) => c.fault({ target: 'token', count: 1, status: 429, retryAfterSeconds: 3 }),
      'POST',
      '/faults',
      { target: 'token', count: 1, status: 429, retryAfterSeconds: 3 },
    ],
    ['faults', (c) => c.faults(), 'GET', '/faults'],
    ['clearFaults', (c) => c.clearFaults(), 'DELETE', '/faults'],
    ['apps', (c) => c.apps(), 'GET', '/apps'],
    ['app', (c) => c.app(demoClientId), 'GET', '/apps/wf-demo-spa'],
    [
      'createApp',
      (c) => c.createApp({ type: 'spa', name: 'Acme', redirectUrls: ['http://localhost/cb'] }),
      'POST',
      '/apps',
      { type: 'spa', name: 'Acme', redirectUrls: ['http://localhost/cb'] },
    ],
    [
      'updateApp',
      (c) => c.updateApp('a/b', { rotateRefreshToken: false }),
      'PATCH',
      '/apps/a%2Fb',
      { rotateRefreshToken: false },
    ],
    [
      'expireSessions (access)',
      (c) => c.expireSessions({ tokens: 'access' }),
      'POST',
      '/sessions/expire',
      { tokens: 'access' },
    ],
    [
      'expireSessions (refresh)',
      (c) => c.expireSessions({ tokens: 'refresh', limit: 'inactivity' }),
      'POST',
      '/sessions/expire',
      { tokens: 'refresh', limit: 'inactivity' },
    ],
    ['revokeSessions', (c) => c.revokeSessions(), 'POST', '/sessions/revoke'],
    ['log', (c) => c.log(), 'GET', '/log'],
    ['clearLog', (c) => c.clearLog(), 'DELETE', '/log'],
    ['tokenCalls', (c) => c.tokenCalls('refresh_token'), 'GET', '/log'],
    ['issuedTokens', (c) => c.issuedTokens(), 'GET', '/issued-tokens'],
  ];

  it.each(calls)('%s sends %s /__emulator%s', async (_name, call, method, path, body) => {
    const sent = answerWith(() => HttpResponse.json([]));
    await call(emulator);
    expect(sent).toEqual([
      {
        method,
        path: `/__emulator${path}`,
        // A JSON body, and its Content-Type, only when the call has something to send.
        contentType: body === undefined ? null : 'application/json',
        body: body === undefined ? '' : JSON.stringify(body),
      },
    ]);
  });

  it('sends the text of a profile file as it is', async () => {
    const sent = answerWith(() =>
      HttpResponse.json({ settings: {}, demoApp: null, notes: ['a note'] }),
    );
    const text = '{\n  "profileVersion": 1,\n  "behaviours": {}\n}\n';
    const replay = await emulator.replayProfile(text);
    expect(sent[0]?.body).toBe(text);
    expect(replay.notes).toEqual(['a note']);
  });

  it('answers the JSON the emulator answers, and nothing for a 204', async () => {
    answerWith(() =>
      HttpResponse.json({ now: '2026-01-01T00:01:30.000Z', epochMs: 1767225690000 }),
    );
    const { now, epochMs } = await emulator.advanceClock(90);
    expect(now).toBe('2026-01-01T00:01:30.000Z');
    expect(epochMs).toBe(1767225690000);

    server.resetHandlers();
    answerWith(() =>
      HttpResponse.json(
        { ...{ type: 'web', name: 'Web' }, clientId: 'c1', clientSecret: 's1' },
        {
          status: 201,
        },
      ),
    );
    const created = await emulator.createApp({ type: 'web', name: 'Web' });
    expect(created).toMatchObject({ clientId: 'c1', clientSecret: 's1' });

    server.resetHandlers();
    answerWith(noContent);
    await expect(emulator.reset()).resolves.toBeUndefined();
    await expect(emulator.expireSessions({ tokens: 'access' })).resolves.toBeUndefined();
  });

  it('picks the token requests of one grant out of the log', async () => {
    const log = [
      entry({ method: 'POST', endpoint: 'token', grantType: 'authorization_code', status: 200 }),
      entry({ method: 'POST', endpoint: 'token', grantType: 'refresh_token', status: 400 }),
      entry({ method: 'OPTIONS', endpoint: 'token' }),
      entry({ method: 'POST', endpoint: 'revoke' }),
      entry({ method: 'POST', endpoint: 'token', grantType: 'refresh_token', status: 200 }),
    ];
    answerWith(() => HttpResponse.json(log));
    const refreshes = await emulator.tokenCalls('refresh_token');
    expect(refreshes.map((call) => call.status)).toEqual([400, 200]);
    expect((await emulator.log()).filter(isTokenCall)).toHaveLength(3);
  });

  it('throws an Error naming the call, its method and path, the status and the body', async () => {
    answerWith(() =>
      HttpResponse.json({ error: 'count must be a whole number from 1 to 10000' }, { status: 400 }),
    );
    await expect(emulator.fault({ target: 'api', count: 0 })).rejects.toThrow(
      new Error(
        'emulator fault: POST /__emulator/faults answered HTTP 400: ' +
          '{"error":"count must be a whole number from 1 to 10000"}',
      ),
    );

    server.resetHandlers();
    answerWith(() => HttpResponse.json({ error: 'No such application' }, { status: 404 }));
    await expect(emulator.app('gone')).rejects.toThrow(
      'emulator app: GET /__emulator/apps/gone answered HTTP 404: {"error":"No such application"}',
    );
  });

  it('gives up on a call that is not answered in time', async () => {
    answerWith(async () => {
      await delay(2_000);
      return noContent();
    });
    const impatient = createEmulatorControl(baseUrl, { timeoutMs: 50 });
    await expect(impatient.reset()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('reaches the emulator at its base URL', () => {
    expect(emulatorControlUrl('http://localhost:8797', '/settings')).toBe(
      'http://localhost:8797/__emulator/settings',
    );
  });
});
