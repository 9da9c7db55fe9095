import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { trackServer, watchServer } from '../deploy/child-servers.ts';
import { findNginx as findOrInstallNginx } from '../deploy/find-nginx.mjs';
import { startNginx } from '../deploy/nginx.ts';
import { readServedConfig } from '../deploy/security-headers.ts';
import { emulatorControlUrl } from '../src/inspector/emulator-control';

/**
 * The bench's own ports, next to the e2e suite's 8787 and 4173: both can run at the same time on
 * one machine without either one reaching the other's emulator or app.
 */
export const benchPorts = { emulator: 8797, app: 4183 } as const;
export const emulatorUrl = `http://localhost:${benchPorts.emulator}`;
export const appUrl = `http://localhost:${benchPorts.app}`;

export interface Server {
  url: string;
  stop(): Promise<void>;
}

export interface AppServer extends Server {
  /** What serves the app, as it names itself: `nginx/1.22.1`. */
  software: string;
}

/** Starts `node <args>` and resolves once `readyUrl` answers; fails with its output if it exits. */
async function startNode(
  name: string,
  args: string[],
  readyUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Server> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { url: new URL(readyUrl).origin, stop: await watchServer(name, child, readyUrl) };
}

/** The Workfront emulator as its own process, on the bench's port. */
export function startEmulator(): Promise<Server> {
  return startNode(
    'The Workfront emulator',
    ['--import', 'tsx', 'emulator/src/main.ts', '--port', String(benchPorts.emulator)],
    emulatorControlUrl(emulatorUrl, '/settings'),
  );
}

/**
 * The nginx that e2e/run.mjs would use (deploy/find-nginx.mjs, which installs Debian's package
 * when it can), with its name and version: `nginx -v` prints `nginx version: nginx/1.22.1`.
 */
export function findBenchNginx(): { path: string; software: string } {
  const path = findOrInstallNginx('the bench', 'the bench');
  const printed = spawnSync(path, ['-v'], { encoding: 'utf8' });
  const software = /nginx version: (\S+)/.exec(`${printed.stderr}${printed.stdout}`)?.[1];
  return { path, software: software ?? 'nginx (version unknown)' };
}

/**
 * A build behind the production server, nginx as deploy/nginx.ts configures it for the e2e suite
 * (immutable hashed assets, no-cache documents, config.json fresh for a minute, the security headers), on the
 * bench's port, its /attask proxy aimed at the bench's emulator.
 */
export async function startApp(outDir: string): Promise<AppServer> {
  const { path, software } = findBenchNginx();
  // deploy/nginx.ts starts the binary named here.
  process.env.NGINX_PATH = path;
  const nginx = await startNginx({
    root: outDir,
    listen: `localhost:${benchPorts.app}`,
    appOrigin: appUrl,
    proxyTarget: emulatorUrl,
    config: readServedConfig(outDir, {}),
  });
  const untrack = trackServer(nginx.process);
  return {
    url: nginx.url,
    software,
    async stop() {
      await nginx.stop();
      untrack();
      rmSync(nginx.prefix, { recursive: true, force: true });
    },
  };
}
