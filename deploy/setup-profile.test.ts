import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const setup = resolve('deploy/setup.ts');
const tsx = ['--import', import.meta.resolve('tsx')];
const sampleText = readFileSync(resolve('docs/sample-instance-profile.json'), 'utf8');

type Json = Record<string, unknown>;
const sample = () => JSON.parse(sampleText) as { behaviours: Record<string, Json> } & Json;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  config: Json | undefined;
}

/** npm run setup in a fresh folder, with the profile written there; never asks Workfront. */
async function setupWith(profile: unknown, args: string[] = []): Promise<Outcome> {
  const root = mkdtempSync(join(tmpdir(), 'wf-setup-profile-'));
  const profileFile = join(root, 'profile.json');
  writeFileSync(profileFile, typeof profile === 'string' ? profile : JSON.stringify(profile));
  const out = join(root, 'config.json');
  const argv = [
    ...tsx,
    setup,
    '--url',
    'https://acme.my.workfront.com',
    '--client-id',
    'abc',
    '--skip-check',
    '--out',
    out,
    '--profile',
    profileFile,
    ...args,
  ];
  const result = await run(process.execPath, argv, { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => error as { code: number; stdout: string; stderr: string },
  );
  const config = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Json) : undefined;
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, config };
}

describe('npm run setup -- --profile', () => {
  it('writes the config the emulator defaults call for: proxy, v20.0', async () => {
    const { code, stdout, config } = await setupWith(sample());
    expect(code).toBe(0);
    expect(config).toEqual({
      workfrontUrl: 'https://acme.my.workfront.com',
      clientId: 'abc',
      redirectPath: '/callback',
      scope: 'offline_access',
      apiVersion: 'v20.0',
      apiMode: 'proxy',
    });
    expect(stdout).toContain(
      "apiMode proxy: the API did not answer this origin's cross-origin calls",
    );
    expect(stdout).toContain('apiVersion v20.0: this Workfront answered v16.0, v17.0');
    expect(stdout).not.toContain('warning');
  });

  it('goes direct when the API answers cross-origin, and to an answered version', async () => {
    const profile = sample();
    profile.behaviours.apiCors = { value: true, evidence: {} };
    profile.behaviours.apiVersions = {
      answered: ['v21.0', 'v22.0'],
      refused: ['v16.0', 'v17.0', 'v18.0', 'v19.0', 'v20.0'],
      evidence: {},
    };
    const { code, config } = await setupWith(profile);
    expect(code).toBe(0);
    expect(config).toMatchObject({ apiMode: 'direct', apiVersion: 'v22.0' });
  });

  it('lets --api-mode and --api-version win, warning when the profile disagrees', async () => {
    const profile = sample();
    profile.behaviours.apiCors = { value: true, evidence: {} };
    const proxied = await setupWith(profile, ['--api-mode', 'proxy', '--api-version', 'v21.0']);
    expect(proxied.config).toMatchObject({ apiMode: 'proxy', apiVersion: 'v21.0' });

    const direct = await setupWith(sample(), ['--api-mode', 'direct']);
    expect(direct.code).toBe(0);
    expect(direct.config).toMatchObject({ apiMode: 'direct' });
    expect(direct.stdout).toContain('warning: behaviours.apiCors.value is false');
  });

  it('warns when the token endpoint answered no cross-origin call, or gave no refresh token', async () => {
    const profile = sample();
    profile.behaviours.tokenCors = { value: false, evidence: {} };
    profile.behaviours.refreshTokenIssued = { value: false, evidence: {} };
    const { code, stdout } = await setupWith(profile);
    expect(code).toBe(0);
    expect(stdout).toContain('warning: behaviours.tokenCors.value is false');
    expect(stdout).toContain('warning: behaviours.refreshTokenIssued.value is false');
  });

  it('writes stateEcho false when the check saw the redirect back arrive without state', async () => {
    const profile = sample();
    profile.behaviours.stateEchoed = { value: false, evidence: { keys: ['code'] } };
    const { code, stdout, config } = await setupWith(profile);
    expect(code).toBe(0);
    expect(config).toMatchObject({ stateEcho: false });
    expect(stdout).toContain('stateEcho false: the redirect back carried no state');
  });

  it('leaves stateEcho out when the state probe did not run: its false is a placeholder', async () => {
    const profile = sample();
    profile.behaviours.stateEchoed = { value: false, evidence: {} };
    profile.notRun = [{ probe: 'stateEchoed', reason: 'no-sign-in' }];
    const { code, config } = await setupWith(profile);
    expect(code).toBe(0);
    expect(config).not.toHaveProperty('stateEcho');
  });

  it('refuses an --api-version that the instance refused, and writes nothing', async () => {
    const profile = sample();
    profile.behaviours.apiVersions = { answered: ['v22.0'], refused: ['v20.0'], evidence: {} };
    const { code, stderr, config } = await setupWith(profile, ['--api-version', 'v20.0']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'behaviours.apiVersions.refused: this Workfront refused v20.0; it answered v22.0',
    );
    expect(config).toBeUndefined();
  });

  const malformed = sample();
  malformed.behaviours.apiCors = { value: 'yes', evidence: {} };
  it.each([
    ['a malformed behaviour', malformed, 'behaviours.apiCors.value'],
    ['a newer profile', { ...sample(), profileVersion: 2 }, 'profileVersion'],
    ['a file that is not JSON', '{"profileVersion":', 'the file is not JSON'],
  ])('refuses %s naming the field, and writes nothing', async (_, profile, field) => {
    const { code, stderr, config } = await setupWith(profile);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --profile \S+profile\.json: /);
    expect(stderr).toContain(field);
    expect(config).toBeUndefined();
  });

  it('still checks --url as before', async () => {
    const { code, stderr, config } = await setupWith(sample(), ['--url', 'http://acme.example']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: workfrontUrl');
    expect(config).toBeUndefined();
  });
});
