import type { Context, MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../env.ts';

/** The emulator listens on localhost only (main.ts), and has no other name. */
const ownHostnames = new Set(['localhost', '[::1]']);

/**
 * Every route refuses a Host that is not the emulator's: a page on evil.example whose name is
 * rebound to 127.0.0.1 is same-origin with itself, so no Origin check can tell it apart, and it
 * could read every page and send every form.
 */
export const refuseForeignHost: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  if (!ownHostnames.has(new URL(c.req.url).hostname)) {
    return c.text('Misdirected request: the Workfront emulator answers only on localhost.', 421);
  }
  await next();
};

/** No page may be framed: one click in a framed setup page deleted an app. */
export const refuseFraming: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  c.res.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
  c.res.headers.set('X-Frame-Options', 'DENY');
};

/**
 * Whether a request comes from another site's page: one that says so, or whose Origin is neither
 * the emulator's own nor admitted by `alsoFrom`. Node, curl and tests send neither header and
 * pass. `Origin: null` (a sandboxed frame, a redirect) is never admitted.
 */
function isCrossSite(c: Context<EmulatorEnv>, alsoFrom: (origin: string) => boolean): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return true;
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== new URL(c.req.url).origin && !alsoFrom(origin);
}

/** Refuses what another site's page sends through the user's browser, which asks no password. */
export function refuseCrossSite(
  refusal: (c: Context<EmulatorEnv>) => Response | Promise<Response>,
  alsoFrom: (origin: string) => boolean = () => false,
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (isCrossSite(c, alsoFrom)) return refusal(c);
    await next();
  };
}
