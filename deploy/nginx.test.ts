// The nginx configuration, tested on a real nginx (Debian's package) with a stand-in Workfront
// that records what reaches it; and `vite preview` checked to send the very same headers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from './nginx.ts';
import { readServedConfig, securityHeaders } from './security-headers.ts';

const indexHtml =
  '<!doctype html><title>app</title><script type="module" src="/assets/app-4f2a.js"></script>';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A Workfront stand-in: answers every request with JSON, a cookie and its own headers. */
async function startUpstream(seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/attask/api/drop')) {
      request.socket.destroy();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Set-Cookie': 'wf_session=upstream; Path=/',
      'X-Content-Type-Options': 'upstream-value',
      'Cache-Control': 'no-store',
    });
    response.end('{"data":[]}');
  });
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}` };
}

function makeRoot(config: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'wf-root-'));
  // nginx's workers may run as `nobody`.
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'assets', 'app-4f2a.js'), 'export {};');
  writeFileSync(join(root, 'config.json'), JSON.stringify(config));
  return root;
}

const workfrontUrl = 'https://acme.my.workfront.com';

describe('nginx', () => {
  const seen: Seen[] = [];
  let upstream: { server: Server; url: string };
  let nginx: RunningNginx;
  let root: string;
  let expected: Record<string, string>;

  beforeAll(async () => {
    upstream = await startUpstream(seen);
    const port = await freePort();
    const appOrigin = `http://localhost:${port}`;
    root = makeRoot({
      workfrontUrl,
      clientId: 'spa',
      redirectPath: '/callback',
      // Proxy mode for the token endpoint: on the app's own origin.
      tokenEndpoint: `${appOrigin}/oauth/token`,
    });
    const config = readServedConfig(root);
    expected = { ...securityHeaders(config) };
    nginx = await startNginx({
      root,
      listen: `localhost:${port}`,
      appOrigin,
      proxyTarget: upstream.url,
      config,
    });
  });

  afterAll(async () => {
    await nginx.stop();
    await new Promise((done) => upstream.server.close(done));
  });

  const get = (path: string, init?: RequestInit) => fetch(`${nginx.url}${path}`, init);

  function expectSecurityHeaders(response: Response) {
    for (const [name, value] of Object.entries(expected)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  }

  it('serves index.html for / and for any route, never cached, with the security headers', async () => {
    for (const path of ['/', '/work', '/projects/abc?x=1', '/callback?code=1&state=2']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(indexHtml);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response);
    }
  });

  it('names the Workfront origin and the configured token endpoint’s in connect-src', () => {
    expect(expected['Content-Security-Policy']).toContain(
      `connect-src 'self' ${workfrontUrl} ${nginx.url};`,
    );
  });

  it('caches hashed assets for a year, and answers a missing one with 404, not index.html', async () => {
    const asset = await get('/assets/app-4f2a.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^application\/javascript/);
    expectSecurityHeaders(asset);

    const missing = await get('/assets/app-0000.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<title>app</title>');
    expectSecurityHeaders(missing);
  });

  it('never caches config.json', async () => {
    const response = await get('/config.json');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ workfrontUrl });
  });

  it('proxies /attask to Workfront as it is, without cookies either way', async () => {
    seen.length = 0;
    const path = '/attask/api/v20.0/user/search?ID=$$USER.ID&fields=name%2Ctitle';
    const response = await get(path, {
      headers: { sessionID: 'session-1', Cookie: 'app=secret' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: path });
    expect(seen[0]?.headers).toMatchObject({
      host: new URL(upstream.url).host,
      sessionid: 'session-1',
    });
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Ours, once, in place of Workfront's.
    expectSecurityHeaders(response);
  });

  it('proxies the token endpoint configured on the app origin to Workfront’s', async () => {
    seen.length = 0;
    const response = await get('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=r1',
    });
    expect(response.status).toBe(200);
    expect(seen).toMatchObject([{ method: 'POST', url: '/integrations/oauth2/api/v1/token' }]);
  });

  it('answers 502 with the security headers when Workfront hangs up', async () => {
    const response = await get('/attask/api/drop');
    expect(response.status).toBe(502);
    expectSecurityHeaders(response);
  });

  it('serves nothing of Workfront outside /attask and the token path', async () => {
    seen.length = 0;
    const response = await get('/integrations/oauth2/api/v1/token', { method: 'POST' });
    // A POST to a static file: nginx refuses it; nothing reached Workfront.
    expect(response.status).toBe(405);
    expect(seen).toHaveLength(0);
  });

  it('sends the same security headers as vite preview of the same folder', async () => {
    const server = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir: root },
      preview: { port: await freePort(), strictPort: true },
    });
    try {
      const url = server.resolvedUrls?.local[0] ?? '';
      const fromVite = await fetch(`${url}work`);
      const fromNginx = await get('/work');
      for (const name of Object.keys(expected)) {
        expect(fromVite.headers.get(name), name).toBe(fromNginx.headers.get(name));
      }
    } finally {
      await server.close();
    }
  });
});
