import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { devHostFile, devHostProblem, readDevHost, writeDevHost } from './dev-host.ts';

const run = promisify(execFile);
const tempRoot = () => mkdtempSync(join(tmpdir(), 'wf-dev-host-'));

describe('devHostProblem', () => {
  it.each(['workfront-dev.test', 'wf.dev.example.com', 'a-b.internal'])('accepts %s', (host) => {
    expect(devHostProblem(host)).toBeUndefined();
  });

  it.each(['localhost', 'app.localhost', '127.0.0.1', 'bad host', 'https://x.test', 'nodots', ''])(
    'refuses %j',
    (host) => {
      expect(devHostProblem(host)).toBeDefined();
    },
  );
});

describe('writeDevHost', () => {
  it('makes a certificate that a TLS client accepts for that name', async () => {
    const root = tempRoot();
    const devHost = writeDevHost(root, 'workfront-dev.test', 5173);
    expect(readDevHost(root)).toEqual(devHost);

    const cert = readFileSync(devHost.cert);
    expect(new X509Certificate(cert).subjectAltName).toBe('DNS:workfront-dev.test');
    const server = createServer({ cert, key: readFileSync(devHost.key) }, (_, response) => {
      response.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, 'localhost', done));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const authorized = await new Promise<boolean>((done, fail) => {
        const socket = connect(
          { host: 'localhost', port, servername: 'workfront-dev.test', ca: cert },
          () => {
            done(socket.authorized);
            socket.end();
          },
        );
        socket.on('error', fail);
      });
      expect(authorized).toBe(true);
    } finally {
      server.close();
    }
  });

  it('keeps a certificate that is already there, such as one from mkcert', () => {
    const root = tempRoot();
    const first = writeDevHost(root, 'workfront-dev.test', 5173);
    const pem = readFileSync(first.cert, 'utf8');
    writeDevHost(root, 'workfront-dev.test', 5174);
    expect(readFileSync(first.cert, 'utf8')).toBe(pem);
    expect(readDevHost(root)?.port).toBe(5174);
  });
});

describe('readDevHost', () => {
  it('is undefined without the file', () => {
    expect(readDevHost(tempRoot())).toBeUndefined();
  });

  it('refuses a malformed file with the way to fix it', () => {
    const root = tempRoot();
    writeFileSync(join(root, devHostFile), JSON.stringify({ host: 'localhost', port: 5173 }));
    expect(() => readDevHost(root)).toThrow(/--dev-host/);
  });
});

describe('npm run setup -- --dev-host', () => {
  const setup = resolve('deploy/setup.ts');
  // The dev host file goes to the working directory: run there, with tsx from this project.
  const tsx = ['--import', import.meta.resolve('tsx')];

  it('writes the config for https://<name>:5173, the dev host file, and a hosts file hint', async () => {
    const root = tempRoot();
    // .test names never resolve unless a hosts file says so.
    const host = `wf-${Date.now().toString(36)}.test`;
    const { stdout } = await run(
      process.execPath,
      [
        ...tsx,
        setup,
        '--url',
        'https://acme.my.workfront.com',
        '--client-id',
        'abc',
        '--dev-host',
        host,
        '--skip-check',
        '--out',
        join(root, 'config.json'),
      ],
      { cwd: root },
    );
    expect(stdout).toContain(`Register https://${host}:5173/callback in Workfront`);
    expect(readDevHost(root)).toMatchObject({ host, port: 5173 });
    expect(stdout).toContain(`add "127.0.0.1 ${host}" to your hosts file`);
  });

  it('refuses a localhost name', async () => {
    const failure = await run(process.execPath, [
      ...tsx,
      setup,
      '--url',
      'https://acme.my.workfront.com',
      '--client-id',
      'abc',
      '--dev-host',
      'localhost',
    ]).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('localhost name');
  });
});
