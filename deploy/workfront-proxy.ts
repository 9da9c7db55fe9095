// The Vite dev and preview servers' proxy to Workfront (vite.config.ts), held to what nginx does
// in production (nginx.conf.template): the REST API's three paths only, and no cookies either way.
import type { ProxyOptions } from 'vite';

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
        });
      },
    },
  };
}
