/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { EmulatorEnv } from '../env.ts';
import type { Settings } from '../settings.ts';
import type { WorkfrontUser } from '../workfront/records.ts';
import type { AppRegistry } from './apps.ts';
import type { AuthorizationCodeStore } from './authorization-codes.ts';
import { parseAuthorizeRequest, type AuthorizeRequest } from './authorize-request.ts';
import { browserSessionCookie, type BrowserSessionStore } from './browser-sessions.ts';
import { instance } from './instance.ts';
import { AuthorizeErrorPage, ConsentPage, SignInPage } from './pages.tsx';

export interface UserDirectory {
  users: readonly WorkfrontUser[];
  findUserByEmail(email: string): WorkfrontUser | undefined;
}

type EmulatorContext = Context<EmulatorEnv>;

/** The browser side of sign-in under /integrations/oauth2: authorize, sign-in and consent. */
export function createAuthorizeRoutes(deps: {
  apps: AppRegistry;
  codes: AuthorizationCodeStore;
  browserSessions: BrowserSessionStore;
  directory: () => UserDirectory;
  settings: () => Settings;
}): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();

  function redirectUrl(
    request: Pick<AuthorizeRequest, 'redirectUri' | 'state'>,
    params: Record<string, string>,
  ): string {
    const url = new URL(request.redirectUri);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if (deps.settings().echoState && request.state !== undefined) {
      url.searchParams.set('state', request.state);
    }
    return url.href;
  }

  function codeRedirect(request: AuthorizeRequest, userId: string): string {
    const code = deps.codes.create({
      clientId: request.app.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      scope: request.scope,
      userId,
    });
    return redirectUrl(request, { code, domain: instance.domain, lane: instance.lane });
  }

  /** Parses the authorize query, which the sign-in and consent forms carry along unchanged. */
  function readRequest(
    c: EmulatorContext,
  ): { request: AuthorizeRequest; query: string } | { response: Response | Promise<Response> } {
    const { search } = new URL(c.req.url);
    const outcome = parseAuthorizeRequest(new URLSearchParams(search), deps.apps, {
      rejectLocalhostRedirects: deps.settings().rejectLocalhostRedirects,
    });
    switch (outcome.kind) {
      case 'valid':
        return { request: outcome.request, query: search };
      case 'page-error':
        return { response: c.html(<AuthorizeErrorPage message={outcome.message} />, 400) };
      case 'redirect-error': {
        const params = { error: outcome.error, error_description: outcome.description };
        return { response: c.redirect(redirectUrl(outcome, params), 302) };
      }
    }
  }

  function checkCredentials(email: string, password: string) {
    const user = deps.directory().findUserByEmail(email);
    if (user?.password !== password) return { error: 'The email or password is incorrect.' };
    if (!user.isActive) return { error: 'This user is deactivated.' };
    return { user };
  }

  const sessionOf = (c: EmulatorContext) =>
    deps.browserSessions.get(getCookie(c, browserSessionCookie));

  routes.get('/authorize', (c) => {
    const read = readRequest(c);
    if ('response' in read) return read.response;
    const { request, query } = read;
    const session = sessionOf(c);
    if (!session) {
      const action = `/integrations/oauth2/login${query}`;
      return c.html(<SignInPage appName={request.app.name} action={action} email="" />);
    }
    if (!session.grantedClientIds.has(request.app.clientId)) {
      const user = deps.directory().users.find((candidate) => candidate.ID === session.userId);
      const action = `/integrations/oauth2/consent${query}`;
      return c.html(<ConsentPage app={request.app} userName={user?.name ?? ''} action={action} />);
    }
    return c.redirect(codeRedirect(request, session.userId), 302);
  });

  routes.post('/login', async (c) => {
    const read = readRequest(c);
    if ('response' in read) return read.response;
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const signIn = checkCredentials(email, password);
    if ('error' in signIn) {
      const action = `/integrations/oauth2/login${read.query}`;
      const { name } = read.request.app;
      return c.html(
        <SignInPage appName={name} action={action} email={email} error={signIn.error} />,
        401,
      );
    }
    const sessionId = deps.browserSessions.create(signIn.user.ID);
    setCookie(c, browserSessionCookie, sessionId, { httpOnly: true, sameSite: 'Lax', path: '/' });
    return c.redirect(`/integrations/oauth2/authorize${read.query}`, 303);
  });

  // Another site's page cannot post a consent in the user's name: server.ts refuses it.
  routes.post('/consent', async (c) => {
    const read = readRequest(c);
    if ('response' in read) return read.response;
    const { request } = read;
    const session = sessionOf(c);
    if (!session) return c.redirect(`/integrations/oauth2/authorize${read.query}`, 303);
    const { decision } = await c.req.parseBody();
    if (decision === 'deny') {
      const params = { error: 'access_denied', error_description: 'The user denied access' };
      return c.redirect(redirectUrl(request, params), 303);
    }
    if (decision !== 'allow') {
      return c.html(<AuthorizeErrorPage message="Choose Allow or Deny." />, 400);
    }
    session.grantedClientIds.add(request.app.clientId);
    return c.redirect(codeRedirect(request, session.userId), 303);
  });

  return routes;
}
