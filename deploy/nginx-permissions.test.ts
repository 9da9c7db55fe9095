// nginx started by deploy/nginx.ts (the e2e suite's and the bench's server) serves a build from
// wherever the checkout is, even from a folder that only the person who started it may enter: a
// clone under /root, or in a 0700 temporary folder. Run as root, nginx's workers would otherwise
// be `nobody`, and every file would be "stat() failed (13: Permission denied)".
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invokingUser,
  renderNginxFiles,
  startNginx,
  type NginxSite,
  type RunningNginx,
} from './nginx.ts';
import { parseAppConfig } from '../src/config/app-config.ts';
import { readServedConfig } from './security-headers.ts';
import { freePort } from './test/free-port.ts';

/** The uids of a process's children (Linux's /proc): nginx's workers, for a master's pid. */
function childUids(parentPid: number): number[] {
  const uids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let status: string;
    try {
      status = readFileSync(join('/proc', entry, 'status'), 'utf8');
    } catch {
      continue;
    }
    if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== parentPid) continue;
    // Real, effective, saved and filesystem uid: the effective one decides what it may read.
    const effective = /^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1];
    if (effective !== undefined) uids.push(Number(effective));
  }
  return uids;
}

describe('nginx serving a checkout only its owner may enter', () => {
  let home: string;
  let nginx: RunningNginx;

  beforeAll(async () => {
    // Like /root/checkout/dist: the app's own production build, in a folder no one else may enter.
    home = mkdtempSync(join(tmpdir(), 'wf-private-'));
    const root = join(home, 'checkout', 'dist');
    await build({
      configFile: resolve(import.meta.dirname, '../vite.config.ts'),
      root: resolve(import.meta.dirname, '..'),
      build: { outDir: root, emptyOutDir: true },
      logLevel: 'warn',
    });
    // mkdtemp makes it 0700 already; said again, as it is the point of the test.
    chmodSync(home, 0o700);
    const port = await freePort();
    nginx = await startNginx({
      root,
      listen: `localhost:${port}`,
      appOrigin: `http://localhost:${port}`,
      // nginx resolves its upstream when it starts: one that resolves offline, never reached.
      proxyTarget: 'http://localhost:9',
      config: readServedConfig(root),
    });
  });

  afterAll(async () => {
    await nginx.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(nginx.prefix, { recursive: true, force: true });
  });

  it('serves the app: its page, its config and the scripts the page names', async () => {
    const page = await fetch(`${nginx.url}/work`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect((await fetch(`${nginx.url}/config.json`)).status).toBe(200);
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const response = await fetch(`${nginx.url}${script ?? ''}`);
      expect(response.status, script).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it.runIf(process.platform === 'linux')(
    'runs its workers as the user who started it, not as nobody',
    () => {
      const pid = nginx.process.pid;
      expect(pid).toBeDefined();
      const uids = childUids(pid ?? -1);
      expect(uids.length, 'nginx has worker processes').toBeGreaterThan(0);
      expect(new Set(uids)).toEqual(new Set([process.geteuid?.()]));
    },
  );
});

describe('the worker user in the configuration', () => {
  const site: NginxSite = {
    root: '/srv/wf-app',
    listen: '8080',
    appOrigin: 'https://work.example.com',
    config: parseAppConfig({
      workfrontUrl: 'https://acme.my.workfront.com',
      clientId: 'spa',
      redirectPath: '/callback',
    }),
  };

  it('names no user for production: the system’s nginx set-up decides', () => {
    const conf = renderNginxFiles(site)['nginx.conf'];
    expect(conf).not.toMatch(/^\s*user\s/m);
  });

  it('is root’s own user when root starts it, and none for anyone else', () => {
    expect(invokingUser(1000)).toBeUndefined();
    expect(invokingUser(0)).toMatchObject({ user: userInfo().username });
  });

  it('names the given user and group when asked to', () => {
    const conf = renderNginxFiles({ ...site, workerUser: { user: 'root', group: 'root' } })[
      'nginx.conf'
    ];
    expect(conf).toMatch(/^user root root;$/m);
  });
});
