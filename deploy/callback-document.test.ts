import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { callbackScriptSource, readCallbackDocument } from './callback-document.ts';

/** The real build, into a folder of its own. */
describe('the callback document, as built', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'wf-callback-build-'));
  let html: string;
  let script: string;

  beforeAll(async () => {
    await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir } });
    html = readCallbackDocument(outDir);
    script = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  }, 120_000);

  it('has one script, inline, and loads no other: no app chunk, no preload', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/rel="(modulepreload|preload)"/);
    // The app's styles, for its "Signing you in…" and the app it then loads.
    expect(html).toMatch(/<link rel="stylesheet"[^>]*href="\/assets\/index-[\w-]+\.css"/);
    expect(html).toContain('Signing you in…');
  });

  it('bundles no library: none of React, the router, TanStack Query, valibot or oidc-client-ts', () => {
    expect(script).not.toMatch(/\bimport\b[^(]/);
    for (const library of [
      'react',
      'createBrowserRouter',
      'QueryClient',
      'valibot',
      'OidcClient',
    ]) {
      expect(script, library).not.toContain(library);
    }
    console.log(
      `callback script: ${String(script.length)} bytes, ${String(gzipSync(script).length)} gzip`,
    );
  });

  it("names the vault's worker and the app's entry as the build made them", () => {
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(index)?.[1] ?? '';
    expect(script).toContain(JSON.stringify(entry).slice(1, -1));
    const worker = /\/assets\/vault-worker-[\w-]+\.js/.exec(script)?.[0] ?? '';
    expect(existsSync(join(outDir, worker))).toBe(true);
  });

  it('tells the app it loads that config.json was read, and only there', () => {
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<html [^>]*data-config-cache="force-cache"/);
    expect(index).not.toContain('data-config-cache');
  });

  it('is allowed by a hash of exactly its script', () => {
    expect(callbackScriptSource(html)).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(callbackScriptSource(html.replace(script, `${script};`))).not.toBe(
      callbackScriptSource(html),
    );
  });
});
