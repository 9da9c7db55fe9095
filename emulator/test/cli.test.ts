import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
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
