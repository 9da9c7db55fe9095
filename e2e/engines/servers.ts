/**
 * The engine smoke's servers, on ports of its own (the e2e suite has 8787 and 4173, the bench 8797
 * and 4183): the Workfront emulator, and the production build behind nginx as deploy/nginx.ts
 * configures it, with one difference: an access log, which counts what the browser downloads
 * (config.json on each load) in every engine alike, WebKit's WebDriver included, which reports no
 * network traffic.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchServer } from '../../deploy/child-servers.ts';
import { invokingUser, renderNginxFiles } from '../../deploy/nginx.ts';
import { readServedConfig } from '../../deploy/security-headers.ts';
import {
  createEmulatorControl,
  demoClientId,
  emulatorControlUrl,
} from '../../src/inspector/emulator-control.ts';

export const enginePorts = { emulator: 8807, app: 4193 } as const;
export const emulatorUrl = `http://localhost:${enginePorts.emulator}`;
export const appUrl = `http://localhost:${enginePorts.app}`;

export { killAllServers } from '../../deploy/child-servers.ts';

export interface Emulator {
  control: ReturnType<typeof createEmulatorControl>;
  /** Back to the seed, with this app's origin registered as a redirect URL of the demo app. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulator(): Promise<Emulator> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/src/main.ts', '--port', String(enginePorts.emulator)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = await watchServer(
    'The Workfront emulator',
    child,
    emulatorControlUrl(emulatorUrl, '/settings'),
  );
  const control = createEmulatorControl(emulatorUrl, { timeoutMs: 15_000 });
  return {
    control,
    async reset() {
      await control.reset();
      const app = await control.app(demoClientId);
      await control.updateApp(demoClientId, {
        redirectUrls: [...app.redirectUrls, `${appUrl}/callback`],
      });
    },
    stop,
  };
}

/** Writes the build's config.json aimed at this run's emulator, as bench/builds.ts does. */
export function aimAtEmulator(outDir: string): void {
  const path = join(outDir, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...config, workfrontUrl: emulatorUrl }, null, 2)}\n`);
}

export interface AppServer {
  /** The requests nginx served since it started, as `METHOD path status`, oldest first. */
  requests(): string[];
  /** The same, each after the time nginx logged it: `1765012345.678 GET /callback?… 200`. */
  timed(): string[];
  stop(): Promise<void>;
}

const accessLogOff = 'access_log off;';
const accessLog = [
  "log_format engines '$msec $request_method $request_uri $status';",
  'access_log access.log engines;',
].join('\n    ');

/**
 * The build at `root` behind nginx, configured as deploy/nginx.ts does, plus an access log: on
 * the smoke's port and emulator unless `at` says otherwise (the e2e suite's count of config.json
 * downloads in Chromium, e2e/page-loads.spec.ts).
 */
export async function startApp(
  root: string,
  nginxPath: string,
  at: { port: number; workfrontUrl: string } = {
    port: enginePorts.app,
    workfrontUrl: emulatorUrl,
  },
): Promise<AppServer> {
  const prefix = mkdtempSync(join(tmpdir(), 'wf-engines-nginx-'));
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  const workerUser = invokingUser();
  const origin = `http://localhost:${at.port}`;
  const files = renderNginxFiles({
    root,
    listen: `localhost:${at.port}`,
    appOrigin: origin,
    proxyTarget: at.workfrontUrl,
    config: readServedConfig(root, {}),
    ...(workerUser ? { workerUser } : {}),
  });
  if (!files['nginx.conf'].includes(accessLogOff)) {
    throw new Error(
      `deploy/nginx.conf.template no longer says "${accessLogOff}": update e2e/engines/servers.ts`,
    );
  }
  files['nginx.conf'] = files['nginx.conf'].replace(accessLogOff, accessLog);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(prefix, name), text);
  writeFileSync(join(prefix, 'access.log'), '');

  const child = spawn(
    nginxPath,
    ['-p', prefix, '-c', 'nginx.conf', '-e', 'stderr', '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = await watchServer('nginx', child, `${origin}/config.json`, 'SIGQUIT');
  const timed = () =>
    readFileSync(join(prefix, 'access.log'), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
  return {
    requests: () => timed().map((line) => line.slice(line.indexOf(' ') + 1)),
    timed,
    async stop() {
      await stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
