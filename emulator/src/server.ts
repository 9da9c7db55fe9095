import { Hono } from 'hono';
import { createClock, type Clock } from './clock.ts';
import { createControlRoutes } from './control/control-routes.ts';
import type { EmulatorEnv } from './env.ts';
import { homePage } from './html/home-page.tsx';
import { cors, isLocalhostOrigin } from './http/cors.ts';
import { refuseCrossSite, refuseForeignHost, refuseFraming } from './http/cross-site.ts';
import { apiPaths, paths } from './http/endpoints.ts';
import { createFaultInjector } from './http/faults.ts';
import { createRequestLog } from './http/request-log.ts';
import { createAccessTokenStore } from './oauth/access-tokens.ts';
import { createAppRegistry } from './oauth/apps.ts';
import { createAuthorizationCodeStore } from './oauth/authorization-codes.ts';
import { createAuthorizeRoutes } from './oauth/authorize-routes.tsx';
import { createBrowserSessionStore } from './oauth/browser-sessions.ts';
import { demoApp } from './oauth/demo-app.ts';
import { createGrantStore } from './oauth/grants.ts';
import { createJwtExchangeRoute } from './oauth/jwt-exchange-route.ts';
import { CrossSiteFormPage } from './oauth/pages.tsx';
import { createRevokeRoute } from './oauth/revoke-route.ts';
import { createSignOutRoute } from './oauth/sign-out-route.tsx';
import { createTokenGrants } from './oauth/token-grants.ts';
import { createTokenRoute } from './oauth/token-route.ts';
import { defaultSettings, type Settings } from './settings.ts';
import { createSetupRoutes } from './setup/setup-routes.tsx';
import { createApiRoutes } from './workfront/api.ts';
import { createWorkfrontData } from './workfront/data.ts';

export interface EmulatorOptions {
  /** Overrides of the defaults; /__emulator/reset returns to these. */
  settings?: Partial<Settings>;
  /** Overrides of the seeded demo app (`wf-demo-spa`), such as a replayed profile's rotation. */
  demoApp?: { rotateRefreshToken?: boolean };
  clock?: Clock;
}

export interface Emulator {
  app: Hono<EmulatorEnv>;
  clock: Clock;
  settings(): Settings;
  /** Everything back to the seed, as POST /__emulator/reset does. */
  reset(): void;
}

/** A Workfront instance in memory: OAuth2, the REST API, the setup page and the control API. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? createClock();
  const now = () => clock.now();
  const startSettings: Settings = { ...defaultSettings, ...options.settings };
  let settings = { ...startSettings };
  const generateData = () => createWorkfrontData({ workItems: settings.workItems, now: now() });
  let data = generateData();

  const accessTokens = createAccessTokenStore(now);
  const grants = createGrantStore(accessTokens, now);
  const codes = createAuthorizationCodeStore(now);
  const rotation = options.demoApp?.rotateRefreshToken;
  const demoAppOverrides = rotation === undefined ? {} : { rotateRefreshToken: rotation };
  const browserSessions = createBrowserSessionStore();
  const apps = createAppRegistry({
    seed: [{ ...demoApp, fields: { ...demoApp.fields, ...demoAppOverrides } }],
    onDelete: (clientId) => {
      grants.revokeClient(clientId);
    },
    rules: () => settings,
  });
  /**
   * Aborted by each reset: a request still waiting on a fault from before it (a test's hanging
   * refresh) is dropped rather than handled, and never logged, after the next test's reset.
   */
  let epoch = new AbortController();
  const currentEpoch = () => epoch.signal;
  const faults = createFaultInjector(() => settings, currentEpoch);
  /** Every token issued since the last reset: e2e tests search the browser for each. */
  const issued = { accessTokens: [] as string[], refreshTokens: [] as string[] };
  const log = createRequestLog(now, currentEpoch);

  function updateSettings(patch: Partial<Settings>): void {
    const { workItems } = settings;
    settings = { ...settings, ...patch };
    if (settings.workItems !== workItems) data = generateData();
  }

  function reset(): void {
    epoch.abort();
    epoch = new AbortController();
    clock.reset();
    settings = { ...startSettings };
    data = generateData();
    apps.reset();
    accessTokens.clear();
    grants.clear();
    codes.clear();
    browserSessions.clear();
    faults.clear();
    log.clear();
    issued.accessTokens = [];
    issued.refreshTokens = [];
  }

  const fromRedirectOrigin = (origin: string) => apps.redirectOrigins().has(origin);
  const tokenCors = cors({
    enabled: () => settings.tokenCors,
    allows: fromRedirectOrigin,
    methods: ['POST'],
    headers: ['Content-Type', 'Accept'],
  });
  const app = new Hono<EmulatorEnv>();
  app.use(log.middleware, refuseForeignHost, refuseFraming);
  app.use(paths.token, tokenCors, faults.middleware('token'));
  app.use(paths.revoke, tokenCors, faults.middleware('revoke'));
  const apiCors = cors({
    enabled: () => settings.apiCors,
    allows: fromRedirectOrigin,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    headers: ['sessionID', 'Authorization', 'Content-Type', 'X-Requested-With'],
  });
  for (const base of apiPaths) app.use(`${base}/*`, apiCors, faults.middleware('api'));
  app.use(paths.authorize, faults.middleware('authorize'));
  // Only the emulator's own pages send these forms. Another site's page must not sign the user in
  // to an account of its choosing, nor allow an app in the user's name: SameSite=Lax alone lets a
  // page on another localhost port, the same site, post with the session cookie.
  app.on(
    'POST',
    [paths.signIn, paths.consent],
    refuseCrossSite((c) => c.html(CrossSiteFormPage(), 403)),
  );
  app.use(
    `${paths.control}/*`,
    refuseCrossSite(
      (c) =>
        c.json(
          {
            error:
              'The control API refuses cross-site requests: call it from a page on http://localhost, or without a browser',
          },
          403,
        ),
      isLocalhostOrigin,
    ),
    cors({
      enabled: () => true,
      allows: isLocalhostOrigin,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      headers: ['Content-Type'],
    }),
  );

  app.get('/', (c) => c.html(homePage(demoApp.clientId)));
  app.route(
    paths.token,
    createTokenRoute({
      apps,
      grantTypes: createTokenGrants({ codes, grants, accessTokens, settings: () => settings, now }),
      settings: () => settings,
      onIssued: (tokens) => {
        issued.accessTokens.push(tokens.accessToken);
        if (tokens.refreshToken !== undefined) issued.refreshTokens.push(tokens.refreshToken);
      },
    }),
  );
  app.route(
    paths.revoke,
    createRevokeRoute({ apps, grants, accessTokens, settings: () => settings }),
  );
  app.route(
    paths.jwtExchange,
    createJwtExchangeRoute({
      apps,
      grants,
      accessTokens,
      users: () => data.users,
      settings: () => settings,
      now,
    }),
  );
  app.route(
    '/integrations/oauth2',
    createAuthorizeRoutes({
      apps,
      codes,
      browserSessions,
      directory: () => data,
      settings: () => settings,
    }),
  );
  app.route(paths.signOut, createSignOutRoute({ browserSessions }));
  app.route(paths.setup, createSetupRoutes({ apps, users: () => data.users }));
  app.route(
    paths.control,
    createControlRoutes({
      apps,
      settings: () => settings,
      updateSettings,
      reset,
      clock,
      faults,
      log,
      issuedTokens: () => issued,
      accessTokens,
      grants,
      users: () => data.users,
    }),
  );
  const api = createApiRoutes({
    data: () => data,
    authenticate: (token) => accessTokens.resolve(token),
    endSession: (token) => {
      accessTokens.revoke(token);
    },
    settings: () => settings,
    now,
  });
  app.route(paths.api, api.versioned);
  app.route(paths.apiInternal, api.internal);
  app.route(paths.apiUnsupported, api.unsupported);

  return { app, clock, settings: () => settings, reset };
}
