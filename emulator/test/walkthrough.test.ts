import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './harness.ts';

const run = promisify(execFile);
const scriptPath = fileURLToPath(new URL('../walkthrough.sh', import.meta.url));

let running: RunningEmulator;

beforeAll(async () => {
  running = await startEmulator();
});
afterAll(() => running.close());

describe('emulator/walkthrough.sh', () => {
  it('has bash, curl and openssl to run with', async () => {
    const missing = await Promise.all(
      ['bash', 'curl', 'openssl'].map((tool) =>
        run('which', [tool]).then(
          () => undefined,
          () => tool,
        ),
      ),
    );
    expect(
      missing.filter((tool) => tool !== undefined),
      'The walkthrough needs these on PATH; on Debian: apt-get install curl openssl',
    ).toEqual([]);
  });

  it('walks through the raw PKCE flow against a live emulator', async () => {
    const { stdout } = await run('bash', [scriptPath, running.baseUrl]);
    expect(stdout).toMatch(
      /Location: http:\/\/localhost:5173\/callback\?code=[\w-]+&domain=emulator&lane=preview&state=/,
    );
    expect(stdout).toContain('"token_type":"sessionID"');
    expect(stdout).toContain('"emailAddr":"demo@example.com"');
    expect(stdout).toContain('"error":"invalid_grant"');
    expect(stdout).toContain('revoke: HTTP 200');
    expect(stdout).toContain('You are not currently logged in.');
  });
});
