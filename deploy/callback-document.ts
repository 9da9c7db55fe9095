/**
 * The callback document: the page Workfront redirects back to, with the code in its address. It
 * is index.html with one difference: instead of the app's scripts it has one inline script,
 * src/auth/page/callback-document.ts bundled with nothing it does not import (no React, no library),
 * which hands the code to the token vault and only then loads the app (SECURITY.md, "The
 * callback"). Its CSP allows that script alone, by hash, and what that script loads.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import type { Plugin, ResolvedConfig } from 'vite';
import type { HeaderMap } from './security-headers.ts';

const source = 'src/auth/page/callback-document.ts';
/** The checkout: the script is the kit's, whichever app's folder Vite builds (examples/minimal). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inlineScript = /<script type="module">([\s\S]*?)<\/script>/;

/** The CSP source that allows the callback document's inline script, and only it. */
export function callbackScriptSource(html: string): string {
  const script = inlineScript.exec(html)?.[1];
  if (script === undefined) throw new Error('The callback document has no inline script.');
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

/**
 * The app's policy, with scripts narrowed to the callback document's own: `strict-dynamic` lets
 * the script it inserts (the app, once the code is spent) load the app's, and nothing else runs.
 * One more Trusted Types policy, `workfront-callback`, lets through that one script's URL.
 */
export function callbackContentSecurityPolicy(appPolicy: string, html: string): string {
  return appPolicy
    .replace(/script-src [^;]*/, `script-src ${callbackScriptSource(html)} 'strict-dynamic'`)
    .replace(/trusted-types [^;]*/, (directive) => `${directive} workfront-callback`);
}

/**
 * The app's headers, for the callback document: its CSP, and an opener policy that parts it from
 * whatever page opened it. A page of the app that opens a popup to Workfront's authorize would
 * otherwise share its browsing context group with the callback document it lands on (same origin,
 * same policy), and read the code in its address before its script wipes it.
 */
export function callbackSecurityHeaders(headers: HeaderMap, html: string): HeaderMap {
  return {
    ...headers,
    'Content-Security-Policy': callbackContentSecurityPolicy(
      headers['Content-Security-Policy'] ?? '',
      html,
    ),
    'Cross-Origin-Opener-Policy': 'noopener-allow-popups',
  };
}

/** The built callback document in `root`, the folder a server serves. */
export function readCallbackDocument(root: string): string {
  return readFileSync(resolve(root, 'callback.html'), 'utf8');
}

/** What a user sees while the vault exchanges the code: the app's own "Signing you in…". */
const signingIn =
  '<main class="centered-page" aria-busy="true"><p role="status" id="callback-status">Signing you in…</p></main>';

/**
 * Tells the app it loads that this page has read config.json already (src/main.tsx): the copy
 * the start page revalidated moments ago, which the app then takes from the HTTP cache too.
 */
const configRead = (html: string) =>
  html.replace('<html ', '<html data-config-cache="force-cache" ');

/** index.html as built, with the callback's script in place of the app's. */
function callbackHtml(indexHtml: string, script: string): string {
  if (script.includes('</script')) throw new Error('The callback script would end its element.');
  return configRead(indexHtml)
    .replace(/\s*<!--[\s\S]*?-->/g, '')
    .replace(/\s*<script type="module"[^>]*src="[^"]*"><\/script>/g, '')
    .replace(/\s*<link rel="(modulepreload|preload)"[^>]*>/g, '')
    .replace('<div id="root"></div>', `<div id="root">${signingIn}</div>`)
    .replace('</body>', `  <script type="module">${script.trim()}</script>\n  </body>`);
}

/** Bundles the callback's script alone, with the URLs it needs from the app's own build. */
async function bundleCallbackScript(
  config: ResolvedConfig,
  urls: { appEntry: string; vaultWorker: string },
): Promise<string> {
  const bundle = await rolldown({
    input: resolve(repoRoot, source),
    platform: 'browser',
    transform: {
      define: {
        WORKFRONT_APP_ENTRY: JSON.stringify(urls.appEntry),
        ...Object.fromEntries(
          ['VITE_WORKFRONT_URL', 'VITE_WORKFRONT_CLIENT_ID', 'VITE_WORKFRONT_API_VERSION'].map(
            (name) => [`import.meta.env.${name}`, JSON.stringify(config.env[name] ?? '')],
          ),
        ),
      },
    },
    plugins: [
      {
        name: 'vault-worker-url',
        resolveId: (id) => (id.endsWith('?worker&url') ? '\0vault-worker-url' : null),
        load: (id) =>
          id === '\0vault-worker-url'
            ? `export default ${JSON.stringify(urls.vaultWorker)};`
            : null,
      },
    ],
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  await bundle.close();
  const [chunk, ...more] = output;
  if (more.length > 0) throw new Error('The callback script must be one file.');
  return chunk.code;
}

/** Builds callback.html beside index.html, and serves its source in `vite` (dev). */
export function callbackDocument(redirectPath: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'callback-document',
    // After Vite's own HTML plugin, which emits the index.html this builds on.
    enforce: 'post',
    config: (_, { command }) =>
      command === 'serve'
        ? { define: { WORKFRONT_APP_ENTRY: JSON.stringify('/src/main.tsx') } }
        : {},
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.method !== 'GET' || request.url?.split('?')[0] !== redirectPath) {
          next();
          return;
        }
        const index = readFileSync(resolve(config.root, 'index.html'), 'utf8');
        const html = configRead(index).replace('/src/main.tsx', `/${source}`);
        server
          .transformIndexHtml(request.url, html)
          .then((transformed) => {
            response.setHeader('Content-Type', 'text/html');
            response.end(transformed);
          })
          .catch(next);
      });
    },
    async generateBundle(_, bundle) {
      const index = bundle['index.html'];
      const indexHtml = index?.type === 'asset' ? String(index.source) : '';
      // The app's entry, as index.html loads it.
      const appEntry = /<script type="module"[^>]*src="([^"]+)"/.exec(indexHtml)?.[1];
      const worker = Object.keys(bundle).find((name) => /vault-worker-[\w-]+\.js$/.test(name));
      if (!appEntry || !worker) {
        throw new Error('The callback document needs index.html, its entry and the vault.');
      }
      const script = await bundleCallbackScript(config, {
        appEntry,
        vaultWorker: `${config.base}${worker}`,
      });
      this.emitFile({
        type: 'asset',
        fileName: 'callback.html',
        source: callbackHtml(indexHtml, script),
      });
    },
  };
}
