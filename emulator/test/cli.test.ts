import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { environmentName, flagName, settingKeys } from '../src/settings-schema.ts';

const mainPath = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Cli {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exitCode: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', mainPath, ...args], {
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => ({ stdout, stderr }), exitCode };
}

async function listeningUrl(cli: Cli): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const match = /listening on (http:\/\/localhost:\d+) \(localhost only\)/.exec(
      cli.output().stdout,
    );
    if (match?.[1]) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The emulator did not start: ${JSON.stringify(cli.output())}`);
}

describe('the command line', () => {
  it('lists every setting as a flag and an environment variable in --help', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exitCode).toBe(0);
    const { stdout } = cli.output();
    expect(stdout).toContain('--port=<n>  or  WF_EMULATOR_PORT');
    for (const key of settingKeys) {
      expect(stdout).toContain(`--${flagName(key)}=<value>  or  ${environmentName(key)}`);
    }
  });

  it('takes settings from flags and environment variables, the flag winning', async () => {
    const cli = runCli(
      [
        '--port=0',
        '--token-type=Bearer',
        '--access-token-ttl-seconds=120',
        '--reject-localhost-redirects=true',
      ],
      {
        WF_EMULATOR_TOKEN_TYPE: 'sessionID',
        WF_EMULATOR_ECHO_STATE: 'false',
        WF_EMULATOR_EXPIRES_IN_ZERO: 'true',
        WF_EMULATOR_TOKEN_ERROR_STYLE: 'workfront-boolean',
        WF_EMULATOR_REFRESH_WITHOUT_OFFLINE_ACCESS: 'false',
      },
    );
    try {
      const url = await listeningUrl(cli);
      const settings = (await (await fetch(`${url}/__emulator/settings`)).json()) as object;
      expect(settings).toMatchObject({
        tokenType: 'Bearer',
        accessTokenTtlSeconds: 120,
        echoState: false,
        rejectLocalhostRedirects: true,
        expiresInZero: true,
        tokenErrorStyle: 'workfront-boolean',
        refreshWithoutOfflineAccess: false,
      });
      const home = await fetch(url);
      expect(await home.text()).toContain('<h1>Workfront emulator</h1>');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exitCode).toBe(0);
  });

  it('listens on localhost only: no other address of this machine reaches it', async () => {
    const cli = runCli(['--port=0']);
    try {
      const port = Number(new URL(await listeningUrl(cli)).port);
      // A link-local address is reached through its interface: fe80::1%eth0.
      const others = Object.entries(networkInterfaces()).flatMap(([name, addresses = []]) =>
        addresses
          .filter((address) => !address.internal)
          .map((address) =>
            address.address.startsWith('fe80:') ? `${address.address}%${name}` : address.address,
          ),
      );
      for (const host of others) {
        const socket = connect({ host, port });
        const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
        expect(error.code, host).toBe('ECONNREFUSED');
      }
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exitCode).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s', async (signal) => {
    const cli = runCli(['--port=0']);
    await listeningUrl(cli);
    cli.child.kill(signal);
    expect(await cli.exitCode).toBe(0);
  });

  it.each([
    [['--echo-state=maybe'], {}, '--echo-state: echoState must be true or false'],
    [['--port=99999'], {}, '--port must be a port number'],
    [['--colour=red'], {}, "Unknown option '--colour'"],
    [[], { WF_EMULATOR_WORK_ITEMS: 'many' }, 'WF_EMULATOR_WORK_ITEMS: workItems must be'],
  ])('refuses %j %j with a clear message and exit status 2', async (args, env, message) => {
    const cli = runCli(args, env);
    expect(await cli.exitCode).toBe(2);
    expect(cli.output().stderr).toContain(message);
  });

  it('says plainly that the port is in use, and exits 1', async () => {
    const blocker = createServer();
    blocker.listen(0, 'localhost');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const cli = runCli([`--port=${port}`]);
      expect(await cli.exitCode).toBe(1);
      expect(cli.output().stderr.trim()).toBe(
        `Port ${port} is already in use: stop the other process or pass --port`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('the command line with an instance profile', () => {
  const samplePath = fileURLToPath(
    new URL('../../docs/sample-instance-profile.json', import.meta.url),
  );
  const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as {
    behaviours: Record<string, { value?: unknown }>;
  };
  const folder = mkdtempSync(join(tmpdir(), 'wf-emulator-profile-'));
  /** The sample with some behaviours' values changed, written to a file. */
  const profileFile = (name: string, values: Record<string, unknown>, base: unknown = sample) => {
    const profile = structuredClone(base) as typeof sample;
    for (const [behaviour, value] of Object.entries(values)) {
      const entry = profile.behaviours[behaviour];
      if (entry) entry.value = value;
    }
    const file = join(folder, name);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  };
  const getJson = async (url: string) =>
    (await fetch(url)).json() as Promise<Record<string, unknown>>;

  it('starts from the profile; flags and environment variables win; reset returns to the start', async () => {
    const file = profileFile('bearer.json', {
      tokenType: 'Bearer',
      stateEchoed: false,
      myWorkObjCode: 'WORK',
      apiCors: true,
      refreshTokenRotates: false,
    });
    const cli = runCli(['--port=0', '--profile', file, '--my-work-obj-code=TASK_OPTASK'], {
      WF_EMULATOR_API_CORS: 'false',
    });
    try {
      const url = await listeningUrl(cli);
      const { stdout } = cli.output();
      expect(stdout).toContain(`Replaying the instance profile ${file}`);
      expect(stdout).toContain(
        "--my-work-obj-code=TASK_OPTASK wins over the profile's myWorkObjCode (WORK)",
      );
      expect(stdout).toContain("WF_EMULATOR_API_CORS=false wins over the profile's apiCors (true)");
      const control = `${url}/__emulator`;
      await fetch(`${control}/settings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tokenType: 'sessionID', echoState: true }),
      });
      await fetch(`${control}/reset`, { method: 'POST' });
      expect(await getJson(`${control}/settings`)).toMatchObject({
        tokenType: 'Bearer',
        echoState: false,
        myWorkObjCode: 'TASK_OPTASK',
        apiCors: false,
      });
      expect(await getJson(`${control}/apps/wf-demo-spa`)).toMatchObject({
        rotateRefreshToken: false,
      });
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exitCode).toBe(0);
  });

  it('takes the profile from WF_EMULATOR_PROFILE, the flag winning', async () => {
    const fromEnv = profileFile('env.json', { tokenErrorStyle: 'workfront' });
    const fromFlag = profileFile('flag.json', { tokenErrorStyle: 'workfront-boolean' });
    const envOnly = runCli(['--port=0'], { WF_EMULATOR_PROFILE: fromEnv });
    const both = runCli(['--port=0', `--profile=${fromFlag}`], { WF_EMULATOR_PROFILE: fromEnv });
    try {
      const envSettings = await getJson(`${await listeningUrl(envOnly)}/__emulator/settings`);
      expect(envSettings.tokenErrorStyle).toBe('workfront');
      const bothSettings = await getJson(`${await listeningUrl(both)}/__emulator/settings`);
      expect(bothSettings.tokenErrorStyle).toBe('workfront-boolean');
    } finally {
      envOnly.child.kill('SIGTERM');
      both.child.kill('SIGTERM');
    }
    expect(await envOnly.exitCode).toBe(0);
    expect(await both.exitCode).toBe(0);
  });

  it.each([
    [
      'a newer version',
      () => {
        const file = join(folder, 'v2.json');
        writeFileSync(file, JSON.stringify({ ...sample, profileVersion: 2 }));
        return file;
      },
      'profileVersion 2 is newer than this emulator understands (1)',
    ],
    [
      'a token type the emulator cannot send',
      () => profileFile('mac.json', { tokenType: 'mac' }),
      'behaviours.tokenType.value must be "Bearer" or "sessionID"',
    ],
    [
      'a malformed behaviour',
      () => profileFile('paging.json', { myWorkPaging: 'sometimes' }),
      'behaviours.myWorkPaging.value must be "honoured" or "ignored" or "limit-only" or "unknown"',
    ],
    [
      'a file that is not JSON',
      () => {
        const file = join(folder, 'broken.json');
        writeFileSync(file, '{"profileVersion": 1,');
        return file;
      },
      'the file is not JSON',
    ],
    ['a missing file', () => join(folder, 'absent.json'), 'the file cannot be read'],
  ])('refuses %s with a message naming the field and exit status 2', async (_, file, message) => {
    const path = file();
    const cli = runCli(['--port=0', '--profile', path]);
    expect(await cli.exitCode).toBe(2);
    const { stdout, stderr } = cli.output();
    expect(stderr).toContain(`--profile ${path}: ${message}`);
    expect(stdout).not.toContain('listening');
  });

  it('names WF_EMULATOR_PROFILE in its refusal', async () => {
    const path = profileFile('env-mac.json', { tokenType: 'mac' });
    const cli = runCli(['--port=0'], { WF_EMULATOR_PROFILE: path });
    expect(await cli.exitCode).toBe(2);
    expect(cli.output().stderr).toContain(
      `WF_EMULATOR_PROFILE ${path}: behaviours.tokenType.value`,
    );
  });

  it('lists --profile in --help', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exitCode).toBe(0);
    expect(cli.output().stdout).toContain('--profile=<file>  or  WF_EMULATOR_PROFILE');
  });
});
