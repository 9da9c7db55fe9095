import { Hono } from 'hono';
import type { Settings } from '../settings.ts';
import type { WorkfrontData } from './data.ts';

export interface ApiDeps {
  data: () => WorkfrontData;
  /** The signed-in user of a session ID (an access token), or null when it is unknown or expired. */
  authenticate: (token: string) => { userId: string } | null;
  endSession: (token: string) => void;
  settings: () => Settings;
  now: () => number;
}

/** The REST API, to be mounted at `/attask/api`. */
export function createApiRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.all('*', (c) => {
    void deps;
    return c.json(
      { error: { class: 'com.attask.common.NotFoundException', message: 'Not yet' } },
      404,
    );
  });
  return app;
}
