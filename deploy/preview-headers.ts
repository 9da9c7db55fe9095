// `vite preview`'s headers, as nginx sends them in production (deploy/nginx.ts): the app's
// (vite.config.ts) and the minimal example's (examples/minimal/vite.config.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { callbackSecurityHeaders, readCallbackDocument } from './callback-document.ts';
import { readServedConfig, securityHeaders } from './security-headers.ts';

/**
 * `vite preview` sends the production security headers, from the one source nginx uses too
 * (deploy/security-headers.ts), built from the config.json it serves; it proxies no token
 * endpoint, so that file may put none on the app's origin. The dev server sends none: Vite's HMR
 * needs inline script and eval, which the policy forbids. Caching is Vite's: every file with
 * no-cache and an ETag, so config.json is revalidated on each load as nginx has it.
 */
export function securityHeadersOnPreview(): Plugin {
  return {
    name: 'security-headers',
    configurePreviewServer(server) {
      const { root, build } = server.config;
      const served = resolve(root, build.outDir);
      const config = readServedConfig(served);
      const headers = securityHeaders(config);
      // The callback document, with its own CSP and never stored, as nginx serves it.
      const callback = existsSync(resolve(served, 'callback.html'))
        ? readCallbackDocument(served)
        : undefined;
      const callbackHeaders = callback && {
        ...callbackSecurityHeaders(headers, callback),
        'Cache-Control': 'no-store',
        'Content-Type': 'text/html; charset=utf-8',
      };
      server.middlewares.use((request, response, next) => {
        const isCallback = callbackHeaders && request.url?.split('?')[0] === config.redirectPath;
        for (const [name, value] of Object.entries(isCallback ? callbackHeaders : headers)) {
          response.setHeader(name, value);
        }
        if (isCallback) response.end(callback);
        else next();
      });
    },
  };
}
