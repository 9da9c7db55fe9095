import type { Context, MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../env.ts';
import { isLocalhostOrigin } from './cors.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request comes from another site's page, which must not drive the control API or the
 * setup page: neither asks for a password. Pages on http://localhost:<any port> are the app's and
 * the emulator's own; Node, curl and tests send neither header and pass. A Host that is not a
 * loopback name is refused too: a DNS-rebound page would be same-origin with itself.
 */
function isCrossSite(c: Context<EmulatorEnv>): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return true;
  const host = c.req.header('host') ?? '';
  const hostname = URL.parse(`http://${host}`)?.hostname;
  if (hostname === undefined || !loopbackHosts.has(hostname)) return true;
  const origin = c.req.header('origin');
  return origin !== undefined && !isLocalhostOrigin(origin) && origin !== `http://${host}`;
}

export function refuseCrossSite(
  refusal: (c: Context<EmulatorEnv>) => Response | Promise<Response>,
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (isCrossSite(c)) return refusal(c);
    await next();
  };
}
