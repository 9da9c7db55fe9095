/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { EmulatorEnv } from '../env.ts';
import { browserSessionCookie, type BrowserSessionStore } from './browser-sessions.ts';
import { SignedOutPage } from './pages.tsx';

/**
 * The instance's own sign-out, the browser side: it ends the Workfront session that lets
 * authorize skip the password. A plain GET, so that an app can link to it; another site can sign
 * the user out this way too, which costs them a password, nothing more.
 */
export function createSignOutRoute(deps: { browserSessions: BrowserSessionStore }) {
  const routes = new Hono<EmulatorEnv>();
  routes.get('/', (c) => {
    const id = getCookie(c, browserSessionCookie);
    const wasSignedIn = deps.browserSessions.get(id) !== undefined;
    deps.browserSessions.end(id);
    deleteCookie(c, browserSessionCookie, { path: '/' });
    c.header('Cache-Control', 'no-store');
    return c.html(<SignedOutPage wasSignedIn={wasSignedIn} />);
  });
  return routes;
}
