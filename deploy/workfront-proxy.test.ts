// The Vite proxy to Workfront, on real servers: `vite preview` with vite.config.ts, and the dev
// server with the same options, in front of a stand-in Workfront that sets and echoes cookies
// and sends a CSP of its own.
import { createServer as createHttpServer, type Server } from 'node:http';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workfrontProxyOptions } from './workfront-proxy.ts';
import { freePort } from './test/free-port.ts';

const seen: string[] = [];
let upstream: Server;
let upstreamUrl: string;

beforeAll(async () => {
  upstream = createHttpServer((request, response) => {
    seen.push(request.url ?? '');
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Set-Cookie': ['wf_session=upstream; Path=/', 'other=2; Path=/'],
      'Content-Security-Policy': 'default-src *',
    });
    response.end(JSON.stringify({ cookie: request.headers.cookie ?? null }));
  });
  await new Promise<void>((done) => upstream.listen(0, 'localhost', done));
  upstreamUrl = `http://localhost:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => upstream.close(done)));

function makeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'wf-vite-root-'));
  chmodSync(root, 0o755);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(
    join(root, 'config.json'),
    JSON.stringify({ workfrontUrl: upstreamUrl, clientId: 'spa', redirectPath: '/callback' }),
  );
  return root;
}

async function expectProxiedWithoutCookies(url: string) {
  seen.length = 0;
  for (const base of ['/attask/api/', '/attask/api-internal/', '/attask/api-unsupported/']) {
    const response = await fetch(`${url}${base}v20.0/user/search?ID=$$USER.ID`, {
      headers: { Cookie: 'app=secret' },
    });
    expect(response.status, base).toBe(200);
    expect(await response.json(), base).toEqual({ cookie: null });
    expect(response.headers.get('set-cookie'), base).toBeNull();
    // As nginx: an API answer is data, never a page of the app's.
    expect(response.headers.get('content-security-policy'), base).toBe(
      "default-src 'none'; sandbox",
    );
  }
  expect(seen).toEqual([
    '/attask/api/v20.0/user/search?ID=$$USER.ID',
    '/attask/api-internal/v20.0/user/search?ID=$$USER.ID',
    '/attask/api-unsupported/v20.0/user/search?ID=$$USER.ID',
  ]);

  seen.length = 0;
  for (const path of ['/attask/login', '/attask/apiX/y', '/integrations/oauth2/api/v1/token']) {
    await fetch(`${url}${path}`);
  }
  expect(seen).toEqual([]);
}

describe('the Vite proxy to Workfront', () => {
  it('in vite preview (vite.config.ts): the API paths only, no cookies either way, a sandboxing CSP', async () => {
    const previous = process.env.WORKFRONT_PROXY_TARGET;
    process.env.WORKFRONT_PROXY_TARGET = upstreamUrl;
    try {
      const server = await preview({
        configFile: 'vite.config.ts',
        logLevel: 'silent',
        build: { outDir: makeRoot() },
        preview: { port: await freePort(), strictPort: true },
      });
      try {
        await expectProxiedWithoutCookies(server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '');
      } finally {
        await server.close();
      }
    } finally {
      if (previous === undefined) delete process.env.WORKFRONT_PROXY_TARGET;
      else process.env.WORKFRONT_PROXY_TARGET = previous;
    }
  });

  it('in the dev server with the same options', async () => {
    const server = await createServer({
      configFile: false,
      root: makeRoot(),
      logLevel: 'silent',
      server: {
        port: await freePort(),
        strictPort: true,
        host: 'localhost',
        proxy: workfrontProxyOptions(upstreamUrl),
      },
    });
    await server.listen();
    try {
      await expectProxiedWithoutCookies(server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '');
    } finally {
      await server.close();
    }
  });
});
