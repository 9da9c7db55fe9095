import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { defaultSettings, type Settings } from '../src/settings.ts';
import { createApiRoutes } from '../src/workfront/api.ts';
import { createWorkfrontData, type WorkfrontData } from '../src/workfront/data.ts';

/** 11:00 on 24 March 2026 in the instance's time zone (UTC-7). */
export const testNow = Date.UTC(2026, 2, 24, 18, 0);
export const demoToken = 'demo-session';
export const colleagueToken = 'colleague-session';

export interface ApiErrorBody {
  class: string;
  message: string;
  title: null;
  msgKey: string;
  attributes: unknown[];
  code: number;
}

export type TestRequestInit = Omit<RequestInit, 'headers'> & {
  token?: string | null;
  headers?: Record<string, string>;
};

/**
 * The API mounted at /attask/api (and api-internal, api-unsupported), on a real port, with a fake
 * session store of two users.
 */
export interface ApiTestServer {
  data: WorkfrontData;
  /** Change these between requests to flip the emulator's switches. */
  settings: Settings;
  /** Session ID to user ID. */
  sessions: Map<string, string>;
  /** The emulator clock, `testNow` at the start: set `now` to move it. */
  clock: { now: number };
  /** A URL under /attask/api; `base` names another of the API's base paths. */
  url(path: string, base?: string): string;
  /** A GET (or another method) with the demo user's sessionID header, or none for token null. */
  request(path: string, init?: TestRequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startApiServer(
  workItems = defaultSettings.workItems,
): Promise<ApiTestServer> {
  const data = createWorkfrontData({ workItems, now: testNow });
  const settings = { ...defaultSettings };
  const clock = { now: testNow };
  const [demo, colleague] = data.users;
  if (!demo || !colleague) throw new Error('The seed needs two users');
  const sessions = new Map([
    [demoToken, demo.ID],
    [colleagueToken, colleague.ID],
  ]);
  const api = createApiRoutes({
    data: () => data,
    authenticate: (token) => {
      const userId = sessions.get(token);
      return userId === undefined ? null : { userId };
    },
    endSession: (token) => sessions.delete(token),
    settings: () => settings,
    now: () => clock.now,
  });
  const app = new Hono();
  app.route('/attask/api', api.versioned);
  app.route('/attask/api-internal', api.internal);
  app.route('/attask/api-unsupported', api.unsupported);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: 'localhost' }, (info) => {
        resolve({ server: started, port: info.port });
      });
    },
  );
  const url = (path: string, base = '/attask/api') => `http://localhost:${port}${base}${path}`;
  return {
    data,
    settings,
    sessions,
    clock,
    url,
    request: (path, { token = demoToken, headers, ...init } = {}) =>
      fetch(url(path), {
        ...init,
        headers: { ...(token === null ? {} : { sessionID: token }), ...headers },
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

export async function readData<T = Record<string, unknown>[]>(response: Response): Promise<T> {
  const body = (await response.json()) as { data?: T; error?: ApiErrorBody };
  if (body.data === undefined) {
    throw new Error(`Expected data, got ${response.status} ${JSON.stringify(body.error)}`);
  }
  return body.data;
}

export async function readError(response: Response): Promise<ApiErrorBody> {
  const body = (await response.json()) as { error?: ApiErrorBody };
  if (body.error === undefined) throw new Error(`Expected an error, got ${response.status}`);
  return body.error;
}
