import { Hono, type Context } from 'hono';
import type { Clock } from '../clock.ts';
import type { EmulatorEnv } from '../env.ts';
import { parseFaultPlan, type FaultInjector } from '../http/faults.ts';
import type { RequestLog } from '../http/request-log.ts';
import { looksLikeProfile, readInstanceProfile } from '../instance-profile.ts';
import type { AccessTokenStore } from '../oauth/access-tokens.ts';
import type { AppChange, AppRegistry } from '../oauth/apps.ts';
import { demoApp } from '../oauth/demo-app.ts';
import type { GrantStore } from '../oauth/grants.ts';
import { parseSettingsPatch } from '../settings-schema.ts';
import type { Settings } from '../settings.ts';
import type { WorkfrontUser } from '../workfront/records.ts';

const notJson = Symbol('not JSON');

async function readJson(c: Context<EmulatorEnv>): Promise<unknown> {
  try {
    return await c.req.json<unknown>();
  } catch {
    return notJson;
  }
}

/** The JSON interface under /__emulator that tests and the app's inspector drive. */
export function createControlRoutes(deps: {
  apps: AppRegistry;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => void;
  reset: () => void;
  clock: Clock;
  faults: FaultInjector;
  log: RequestLog;
  issuedTokens: () => { accessTokens: string[]; refreshTokens: string[] };
  accessTokens: AccessTokenStore;
  grants: GrantStore;
  users: () => readonly WorkfrontUser[];
}): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const badJson = (c: Context<EmulatorEnv>) => c.json({ error: 'The body must be JSON' }, 400);

  function answerChange(c: Context<EmulatorEnv>, change: AppChange, status: 200 | 201) {
    if (!change.ok) {
      const { error, fields } = change;
      return c.json(fields === undefined ? { error } : { error, fields }, change.status);
    }
    const { app, clientSecret } = change;
    return c.json(clientSecret === undefined ? app : { ...app, clientSecret }, status);
  }

  routes.get('/apps', (c) => c.json(deps.apps.list()));
  routes.post('/apps', async (c) => {
    const input = await readJson(c);
    return input === notJson ? badJson(c) : answerChange(c, deps.apps.create(input), 201);
  });
  routes.get('/apps/:clientId', (c) => {
    const app = deps.apps.get(c.req.param('clientId'));
    return app ? c.json(app) : c.json({ error: 'No such application' }, 404);
  });
  routes.patch('/apps/:clientId', async (c) => {
    const input = await readJson(c);
    if (input === notJson) return badJson(c);
    return answerChange(c, deps.apps.update(c.req.param('clientId'), input), 200);
  });
  routes.delete('/apps/:clientId', (c) =>
    deps.apps.delete(c.req.param('clientId'))
      ? c.body(null, 204)
      : c.json({ error: 'No such application' }, 404),
  );
  routes.post('/apps/:clientId/client-secret', (c) =>
    answerChange(c, deps.apps.addClientSecret(c.req.param('clientId')), 201),
  );
  routes.delete('/apps/:clientId/client-secret', (c) => {
    const change = deps.apps.deleteClientSecret(c.req.param('clientId'));
    return change.ok ? c.body(null, 204) : answerChange(c, change, 200);
  });

  // The IDs a machine-to-machine JWT's `sub` can name; passwords stay out.
  routes.get('/users', (c) =>
    c.json(
      deps.users().map(({ ID, name, emailAddr, isActive }) => ({ ID, name, emailAddr, isActive })),
    ),
  );

  routes.get('/settings', (c) => c.json(deps.settings()));
  routes.post('/settings', async (c) => {
    const input = await readJson(c);
    if (input === notJson) return badJson(c);
    if (looksLikeProfile(input)) return replayProfile(c, input);
    const result = parseSettingsPatch(input);
    if (!result.ok) return c.json({ error: result.message }, 400);
    deps.updateSettings(result.patch);
    return c.json(deps.settings());
  });

  /** An instance profile replayed: its settings, and the demo app's rotation; all or nothing. */
  function replayProfile(c: Context<EmulatorEnv>, input: unknown) {
    const result = readInstanceProfile(input);
    if (!result.ok) return c.json({ error: result.message }, 400);
    const { settings, rotateRefreshToken, notes } = result.replay;
    const checked = parseSettingsPatch(settings);
    if (!checked.ok) return c.json({ error: checked.message }, 400);
    const { clientId } = demoApp;
    const rotates = rotateRefreshToken !== undefined;
    if (rotates && !deps.apps.get(clientId)) {
      notes.push(
        `behaviours.refreshTokenRotates: the demo app ${clientId} was deleted, so its rotation is not replayed`,
      );
    }
    deps.updateSettings(checked.patch);
    if (rotates && deps.apps.get(clientId)) deps.apps.update(clientId, { rotateRefreshToken });
    const app = deps.apps.get(clientId);
    return c.json({
      settings: deps.settings(),
      demoApp: app ? { clientId, rotateRefreshToken: app.rotateRefreshToken } : null,
      notes,
    });
  }

  routes.post('/reset', (c) => {
    deps.reset();
    return c.body(null, 204);
  });

  const clockView = () => {
    const epochMs = deps.clock.now();
    return { now: new Date(epochMs).toISOString(), epochMs };
  };
  routes.get('/clock', (c) => c.json(clockView()));
  routes.post('/clock', async (c) => {
    const input = await readJson(c);
    if (input === notJson) return badJson(c);
    const advanceSeconds =
      typeof input === 'object' && input !== null && 'advanceSeconds' in input
        ? input.advanceSeconds
        : undefined;
    if (
      typeof advanceSeconds !== 'number' ||
      !Number.isFinite(advanceSeconds) ||
      advanceSeconds < 0
    ) {
      return c.json({ error: 'advanceSeconds must be a number of seconds, 0 or more' }, 400);
    }
    deps.clock.advance(advanceSeconds);
    return c.json(clockView());
  });

  routes.get('/faults', (c) => c.json(deps.faults.pending()));
  routes.post('/faults', async (c) => {
    const input = await readJson(c);
    if (input === notJson) return badJson(c);
    const result = parseFaultPlan(input);
    if (!result.ok) return c.json({ error: result.message }, 400);
    deps.faults.add(result.plan);
    return c.json(deps.faults.pending(), 201);
  });
  routes.delete('/faults', (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });

  // What-if switches for sessions already issued: the app's flow inspector offers them.
  routes.post('/sessions/expire', async (c) => {
    const input = await readJson(c);
    if (input === notJson) return badJson(c);
    const tokens =
      typeof input === 'object' && input !== null && 'tokens' in input ? input.tokens : undefined;
    const limit =
      typeof input === 'object' && input !== null && 'limit' in input ? input.limit : undefined;
    if (tokens === 'access') deps.accessTokens.expireAll();
    else if (tokens === 'refresh' && (limit === 'absolute' || limit === 'inactivity')) {
      deps.grants.expireAll(limit);
    } else {
      return c.json(
        {
          error: 'Send {"tokens":"access"} or {"tokens":"refresh","limit":"absolute"|"inactivity"}',
        },
        400,
      );
    }
    return c.body(null, 204);
  });
  routes.post('/sessions/revoke', (c) => {
    deps.grants.revokeAll();
    return c.body(null, 204);
  });

  routes.get('/log', (c) => c.json(deps.log.entries()));
  // The tokens themselves, for tests: the emulator's sessions are made up and local. Never to a
  // page, the app's included: the e2e suite searches the browser for each token, and would miss a
  // leak that a page's own fetch put there. Browsers send Sec-Fetch-Site on every request and
  // Origin on cross-origin ones; Node's fetch sends neither.
  routes.get('/issued-tokens', (c) =>
    c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined
      ? c.json(deps.issuedTokens())
      : c.json(
          { error: 'The issued tokens are for tests outside a browser: no page may read them' },
          403,
        ),
  );
  routes.delete('/log', (c) => {
    deps.log.clear();
    return c.body(null, 204);
  });

  return routes;
}
