// The Vite dev and preview servers' proxy to Workfront (vite.config.ts), held to what nginx does
// in production (nginx.conf.template): the REST API's three paths only, no cookies either way, and
// a sandboxing CSP on the answers.
import type { ProxyOptions } from 'vite';
import { proxiedContentSecurityPolicy } from './security-headers.ts';

/** A Vite proxy key that starts with ^ is a regular expression. */
export const workfrontApiPaths = '^/attask/api(-internal|-unsupported)?/';

export function workfrontProxyOptions(target: string): Record<string, ProxyOptions> {
  return {
    [workfrontApiPaths]: {
      target,
      changeOrigin: true,
      // The app authenticates with the sessionID header. No cookie of the app's origin goes to
      // Workfront, and no Workfront cookie lands on the app's origin.
      configure(proxy) {
        proxy.on('start', (request) => {
          delete request.headers.cookie;
        });
        proxy.on('proxyRes', (response) => {
          delete response.headers['set-cookie'];
          // Replaces Workfront's, and in vite preview the app's (deploy/security-headers.ts).
          response.headers['content-security-policy'] = proxiedContentSecurityPolicy;
        });
      },
    },
  };
}
