import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControls } from './emulator-controls';

const workfrontUrl = 'http://localhost:8787';
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

/** The emulator answers each control call with `status`; the calls are kept as `METHOD path body`. */
function emulatorAnswering(status: number): string[] {
  const sent: string[] = [];
  server.use(
    http.all(`${workfrontUrl}/__emulator/*`, async ({ request }) => {
      sent.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
      return status === 204
        ? new HttpResponse(null, { status })
        : HttpResponse.json({ error: 'Refused' }, { status });
    }),
  );
  return sent;
}

type Controls = ReturnType<typeof emulatorControls>;

describe('the "what if" buttons', () => {
  it.each<[string, (controls: Controls) => Promise<void>, string]>([
    [
      'expire the access token',
      (c) => c.expireAccessToken(),
      'POST /__emulator/sessions/expire {"tokens":"access"}',
    ],
    [
      'expire the refresh token (absolute)',
      (c) => c.expireRefreshToken('absolute'),
      'POST /__emulator/sessions/expire {"tokens":"refresh","limit":"absolute"}',
    ],
    ['revoke the session', (c) => c.revokeSession(), 'POST /__emulator/sessions/revoke '],
    [
      'fail the next refresh',
      (c) => c.failNextRefresh(),
      'POST /__emulator/faults {"target":"token","count":1,"status":503}',
    ],
    ['drop state', (c) => c.dropState(), 'POST /__emulator/settings {"echoState":false}'],
    [
      'Bearer tokens',
      (c) => c.setTokenType('Bearer'),
      'POST /__emulator/settings {"tokenType":"Bearer"}',
    ],
  ])('%s: one control call', async (_name, press, call) => {
    const sent = emulatorAnswering(204);
    await expect(press(emulatorControls(workfrontUrl))).resolves.toBeUndefined();
    expect(sent).toEqual([call]);
  });

  it('rejects with the status when the emulator refuses', async () => {
    emulatorAnswering(403);
    await expect(emulatorControls(workfrontUrl).revokeSession()).rejects.toThrow(
      'answered HTTP 403',
    );
  });
});
