// The nginx configuration, tested on a real nginx (Debian's package) with a stand-in Workfront
// that records what reaches it; and `vite preview` checked to send the very same headers.
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSecurityHeaders } from './callback-document.ts';
import { startNginx, type RunningNginx } from './nginx.ts';
import { readServedConfig, securityHeaders, strictTransportSecurity } from './security-headers.ts';
import { freePort } from './test/free-port.ts';

const indexHtml =
  '<!doctype html><title>app</title><script type="module" src="/assets/app-4f2a.js"></script>';
const callbackScript = "document.title = 'callback';";
const callbackHtml = `<!doctype html><title>Workfront</title><div id="root"></div><script type="module">${callbackScript}</script>\n`;

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
      'Strict-Transport-Security': 'max-age=1',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': 'default-src *',
    });
    response.end('{"data":[]}');
  });
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}` };
}

function makeRoot(config: Record<string, unknown>): string {
  // 0700, as mkdtemp makes it: nginx's workers run as the user who started it (see
  // nginx-permissions.test.ts).
  const root = mkdtempSync(join(tmpdir(), 'wf-root-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'callback.html'), callbackHtml);
  writeFileSync(join(root, 'assets', 'app-4f2a.js'), 'export {};');
  writeFileSync(join(root, 'config.json'), JSON.stringify(config));
  return root;
}

const workfrontUrl = 'https://acme.my.workfront.com';

/** config.json: revalidated on every load, and a revalidation of an unchanged file is a 304. */
async function expectConfigRevalidated(origin: string) {
  const response = await fetch(`${origin}/config.json`);
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('last-modified')).toBeTruthy();
  const etag = response.headers.get('etag') ?? '';
  expect(etag).not.toBe('');
  const again = await fetch(`${origin}/config.json`, { headers: { 'If-None-Match': etag } });
  expect(again.status).toBe(304);
}

describe('nginx', () => {
  const seen: Seen[] = [];
  let upstream: { server: Server; url: string };
  let nginx: RunningNginx;
  let root: string;
  let expected: Record<string, string>;
  /** A Workfront answer is data: it gets a CSP that lets it run and load nothing. */
  let expectedProxied: Record<string, string>;

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
    const config = readServedConfig(root, process.env, appOrigin);
    expected = { ...securityHeaders(config) };
    expectedProxied = {
      ...expected,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
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

  /** The path exactly as given: fetch would resolve its dot segments first. */
  const rawGet = (path: string) =>
    new Promise<number>((resolve, reject) => {
      request(`${nginx.url}/`, { path }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });

  function expectSecurityHeaders(response: Response, headers = expected) {
    for (const [name, value] of Object.entries(headers)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  }

  it('serves index.html for / and for any route, never cached, with the security headers', async () => {
    for (const path of ['/', '/work', '/projects/abc?x=1', '/callback/more']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(indexHtml);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response);
    }
  });

  it('serves the callback document at the redirect path: its script alone, apart from its opener, never stored', async () => {
    const response = await get('/callback?code=1&state=2');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(callbackHtml);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(response, { ...callbackSecurityHeaders(expected, callbackHtml) });
    const policy = response.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(callbackScript).digest('base64');
    expect(policy).toContain(`script-src 'sha256-${hash}' 'strict-dynamic';`);
    expect(policy).toContain('trusted-types workfront-vault workfront-callback');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('noopener-allow-popups');
  });

  it('names the Workfront origin and the configured token endpoint’s in connect-src', () => {
    expect(expected['Content-Security-Policy']).toContain(
      `connect-src 'self' ${workfrontUrl} ${nginx.url};`,
    );
  });

  it('caches hashed assets for a year, and answers a missing one with an uncached 404, not index.html', async () => {
    const asset = await get('/assets/app-4f2a.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^application\/javascript/);
    expectSecurityHeaders(asset);

    const missing = await get('/assets/app-0000.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<title>app</title>');
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(missing);
  });

  it('has config.json revalidated on every load, a 304 when unchanged', async () => {
    expect(await (await get('/config.json')).json()).toMatchObject({ workfrontUrl });
    await expectConfigRevalidated(nginx.url);
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
    // Ours, once, in place of Workfront's, with a sandboxing CSP instead of the app's.
    expectSecurityHeaders(response, expectedProxied);
  });

  it('proxies the token endpoint configured on the app origin to Workfront’s, without cookies', async () => {
    seen.length = 0;
    const response = await get('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', Cookie: 'app=secret' },
      body: 'grant_type=refresh_token&refresh_token=r1',
    });
    expect(response.status).toBe(200);
    expect(seen).toMatchObject([{ method: 'POST', url: '/integrations/oauth2/api/v1/token' }]);
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(response.headers.get('set-cookie')).toBeNull();
    expectSecurityHeaders(response, expectedProxied);
  });

  it('forwards the three API paths, and answers any other /attask path with its own 404', async () => {
    seen.length = 0;
    for (const base of ['/attask/api/', '/attask/api-internal/', '/attask/api-unsupported/']) {
      expect((await get(`${base}v20.0/task/search?x=1`)).status, base).toBe(200);
    }
    expect(seen.map((request) => request.url)).toEqual([
      '/attask/api/v20.0/task/search?x=1',
      '/attask/api-internal/v20.0/task/search?x=1',
      '/attask/api-unsupported/v20.0/task/search?x=1',
    ]);
    seen.length = 0;
    for (const path of ['/attask/', '/attask/login', '/attask/apiX/y', '/attask/x/api/']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('<title>app</title>');
      expectSecurityHeaders(response);
    }
    // nginx's own redirect for a prefix location without its slash.
    const bare = await get('/attask/api', { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(new URL(bare.headers.get('location') ?? '', nginx.url).pathname).toBe('/attask/api/');
    expect(seen).toHaveLength(0);
  });

  it('sends Workfront only normalised paths: no dot segment or encoded slash leads elsewhere', async () => {
    seen.length = 0;
    const raw = [
      '/attask/api/v20.0/../../../setup/oauth-apps',
      '/attask/api/%2e%2e/%2E%2E/setup/oauth-apps',
      '/attask/api/..%2F..%2Fsetup/oauth-apps',
      '/attask/api/v20.0/..%2f..%2f..%2fintegrations/oauth2/api/v1/token',
      '/attask/api/v20.0/%2e%2e%2f%2e%2e%2f%2e%2e%2f__emulator/faults',
    ];
    // Each resolves outside /attask: the app's index.html, and nothing reaches Workfront.
    for (const path of raw) expect(await rawGet(path), path).toBe(200);
    const backslash = await get('/attask/api-internal/..%5C..%5Csetup');
    expect(backslash.status).toBe(400);
    expectSecurityHeaders(backslash, expectedProxied);
    expect(await rawGet('/attask/api/v20.0/..\\..\\setup')).toBe(400);
    expect(seen).toEqual([]);

    for (const path of [
      '/attask/api/v20.0/task%2Fsearch?ID=a%2Fb',
      '/attask/api/v20.0/x/../task/search',
      '/attask/api/v20.0/..%2Fv21.0/task/search',
      '/attask/api/v20.0/a%20b%3Fc%23d%25e',
    ]) {
      expect(await rawGet(path), path).toBe(200);
    }
    expect(seen.map((request) => request.url)).toEqual([
      '/attask/api/v20.0/task/search?ID=a%2Fb',
      '/attask/api/v20.0/task/search',
      '/attask/api/v21.0/task/search',
      '/attask/api/v20.0/a%20b%3Fc%23d%25e',
    ]);
  });

  it('refuses ; path parameters, which Java servers read as part of the path: ..; is .. to them', async () => {
    seen.length = 0;
    for (const path of [
      '/attask/api/v20.0/..;/..;/..;/setup/oauth-apps',
      '/attask/api/..;/x',
      '/attask/api-internal/v20.0/%2e%2e%3b/%2e%2e%3b/setup',
      '/attask/api-unsupported/v20.0/task;jsessionid=1/search',
      '/attask/api/v20.0/task%3Bx/search',
    ]) {
      expect(await rawGet(path), path).toBe(400);
    }
    expect(seen).toEqual([]);
    // In the query, a ; is data, as in any query.
    expect((await get('/attask/api/v20.0/task/search?name=a;b')).status).toBe(200);
  });

  it('sends Strict-Transport-Security only when served over https', async () => {
    for (const path of ['/work', '/attask/api/v20.0/user/search', '/attask/other']) {
      const plain = await get(path);
      expect(plain.headers.get('strict-transport-security'), path).toBeNull();
      const forwarded = await get(path, { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(forwarded.headers.get('strict-transport-security'), path).toBe(
        strictTransportSecurity,
      );
    }
  });

  it('answers 502 with the security headers when Workfront hangs up', async () => {
    const response = await get('/attask/api/drop');
    expect(response.status).toBe(502);
    expectSecurityHeaders(response, expectedProxied);
  });

  it('serves nothing of Workfront outside /attask and the token path', async () => {
    seen.length = 0;
    const response = await get('/integrations/oauth2/api/v1/token', { method: 'POST' });
    // A POST to a static file: nginx refuses it; nothing reached Workfront.
    expect(response.status).toBe(405);
    expect(seen).toHaveLength(0);
  });

  it('sends the same security headers as vite preview of the same folder, and revalidates config.json alike', async () => {
    // A folder of its own: vite preview proxies no token endpoint, so it takes no config that
    // puts one on the app's origin.
    const plainRoot = makeRoot({ workfrontUrl, clientId: 'spa', redirectPath: '/callback' });
    const port = await freePort();
    const plainNginx = await startNginx({
      root: plainRoot,
      listen: `localhost:${port}`,
      appOrigin: `http://localhost:${port}`,
      proxyTarget: upstream.url,
      config: readServedConfig(plainRoot),
    });
    const server = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir: plainRoot },
      preview: { port: await freePort(), strictPort: true },
    });
    try {
      const url = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
      for (const path of ['/work', '/callback?code=1&state=2']) {
        const fromVite = await fetch(`${url}${path}`);
        const fromNginx = await fetch(`${plainNginx.url}${path}`);
        for (const name of [...Object.keys(expected), 'Cache-Control']) {
          expect(fromVite.headers.get(name), `${path} ${name}`).toBe(fromNginx.headers.get(name));
        }
        expect(await fromVite.text()).toBe(await fromNginx.text());
      }
      await expectConfigRevalidated(url);
      await expectConfigRevalidated(plainNginx.url);
    } finally {
      await server.close();
      await plainNginx.stop();
    }
  });
});
