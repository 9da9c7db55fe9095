import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../env.ts';

/**
 * CORS for one part of the emulator. A preflight from an origin that is not allowed gets a 403
 * with no CORS headers, which the browser reports as a CORS failure. Credentials are never
 * allowed: the app sends tokens in headers, not cookies.
 */
export function cors(policy: {
  enabled: () => boolean;
  allows: (origin: string) => boolean;
  methods: readonly string[];
  headers: readonly string[];
}): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || !policy.enabled()) return next();
    const allowed = policy.allows(origin);
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      if (!allowed) return c.body(null, 403, { Vary: 'Origin' });
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': policy.methods.join(', '),
        'Access-Control-Allow-Headers': policy.headers.join(', '),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (!allowed) return;
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    // Not a safelisted header: a page reads a rate limit's wait only if it is exposed.
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
  };
}

/** `http://localhost:<port>`: the app's dev and preview servers, and the emulator itself. */
export function isLocalhostOrigin(origin: string): boolean {
  const url = URL.parse(origin);
  return url?.protocol === 'http:' && url.hostname === 'localhost' && url.origin === origin;
}
