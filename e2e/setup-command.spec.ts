import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { demoClientId, emulator, emulatorUrl } from './support/emulator';

const run = promisify(execFile);

test('npm run setup writes a config that the app then uses', async ({ page }) => {
  // An administrator creates a new single-page app in Workfront's settings.
  const { clientId } = await emulator.createApp({
    type: 'spa',
    name: 'Acme portal',
    redirectUrls: ['http://localhost:4173/callback'],
    rotateRefreshToken: true,
    absoluteExpirationSeconds: null,
    inactivityExpirationSeconds: 15_552_000,
  });

  const out = join(await mkdtemp(join(tmpdir(), 'wf-setup-')), 'config.json');
  const { stdout } = await run('npx', [
    'tsx',
    'deploy/setup.ts',
    '--url',
    emulatorUrl,
    '--client-id',
    clientId,
    '--app-origin',
    'http://localhost:4173',
    '--out',
    out,
  ]);
  expect(stdout).toContain('ok: the authorize endpoint answered');
  const written = await readFile(out, 'utf8');
  expect(JSON.parse(written)).toMatchObject({ workfrontUrl: emulatorUrl, clientId });

  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: written }),
  );
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
  await page.getByLabel('Email').fill('demo@example.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Acme portal wants to access/ })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('npm run setup refuses an unknown client and writes nothing', async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'wf-setup-')), 'config.json');
  const failure = await run('npx', [
    'tsx',
    'deploy/setup.ts',
    '--url',
    emulatorUrl,
    '--client-id',
    'no-such-client',
    '--out',
    out,
  ]).catch((error: unknown) => error as { code: number; stderr: string });
  expect(failure).toMatchObject({ code: 1 });
  expect((failure as { stderr: string }).stderr).toContain(
    'No OAuth2 application has the client ID',
  );
  await expect(readFile(out)).rejects.toThrow();
});

test('npm run setup names a refusal of localhost redirect URLs, and the dev host fix', async () => {
  await emulator.settings({ rejectLocalhostRedirects: true });
  const out = join(await mkdtemp(join(tmpdir(), 'wf-setup-')), 'config.json');
  const failure = await run('npx', [
    'tsx',
    'deploy/setup.ts',
    '--url',
    emulatorUrl,
    '--client-id',
    demoClientId,
    '--app-origin',
    'http://localhost:5173',
    '--out',
    out,
  ]).catch((error: unknown) => error as { code: number; stderr: string });
  expect(failure).toMatchObject({ code: 1 });
  const { stderr } = failure as { stderr: string };
  expect(stderr).toContain('localhost cannot be used as a valid redirect URL');
  expect(stderr).toContain('--dev-host workfront-dev.test');
  await expect(readFile(out)).rejects.toThrow();
});
