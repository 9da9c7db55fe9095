import { Hono, type Context } from 'hono';
import type { Settings } from '../settings.ts';
import { checkApiVersion, versionSegmentPattern } from './api-version.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import type { WorkfrontData } from './data.ts';
import {
  authenticationError,
  dataResponse,
  errorResponse,
  invalidParameterError,
  notFoundError,
  threadLimitError,
  WorkfrontApiError,
} from './envelope.ts';
import { parseFieldSelection, projectRecord } from './field-selection.ts';
import { objectSchemas, resolveObjCode, type ObjectSchema } from './object-schemas.ts';
import { page, parsePaging } from './paging.ts';
import { isComplete, type WorkfrontRecord, type WorkItem } from './records.ts';
import { parseSearchQuery, runSearch } from './search-query.ts';
import { applyWorkItemUpdates } from './work-item-updates.ts';

export interface ApiDeps {
  data: () => WorkfrontData;
  /** The signed-in user of a session ID (an access token), or null when it is unknown or expired. */
  authenticate: (token: string) => { userId: string } | null;
  endSession: (token: string) => void;
  settings: () => Settings;
  now: () => number;
}

interface ApiEnv {
  Variables: { session: { token: string; userId: string } };
}

/**
 * The REST API, to be mounted at `/attask/api`: `/<version>/…` for v16.0–v22.0, and unversioned.
 * Every answer is JSON in Workfront's envelope and is not to be cached.
 */
export function createApiRoutes(deps: ApiDeps): Hono {
  const api = new Hono<ApiEnv>();
  const concurrencyLimit = createConcurrencyLimit();
  const versionPrefix = `/:version{${versionSegmentPattern}}`;

  api.use(`${versionPrefix}/*`, async (c, next) => {
    checkApiVersion(c.req.param('version'));
    await next();
  });

  api.use('*', async (c, next) => {
    const { acceptBearer, authErrorStatus } = deps.settings();
    const token = sessionToken(c.req.raw, acceptBearer);
    const session = token === undefined ? null : deps.authenticate(token);
    if (token === undefined || session === null) throw authenticationError(authErrorStatus);
    c.set('session', { token, userId: session.userId });
    await next();
  });

  api.use('*', async (c, next) => {
    const max = deps.settings().maxConcurrentRequests;
    if (max <= 0) {
      await next();
      return;
    }
    const release = concurrencyLimit.tryAcquire(c.var.session.userId, max);
    if (!release) throw threadLimitError(max);
    try {
      await next();
    } finally {
      release();
    }
  });

  const routes = createObjectRoutes(deps);
  api.route(versionPrefix, routes);
  api.route('/', routes);
  api.all('*', (c) => {
    throw notFoundError(`There is no API operation ${c.req.method} ${c.req.path}.`);
  });

  api.onError((error) => {
    if (error instanceof WorkfrontApiError) return errorResponse(error);
    console.error(error);
    return errorResponse(
      new WorkfrontApiError(500, 'java.lang.RuntimeException', 'exception.internal', error.message),
    );
  });
  // The session variable is internal: callers get a plain Hono to mount.
  const app = new Hono();
  app.route('/', api);
  return app;
}

function createObjectRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.on(['GET', 'POST'], '/logout', (c) => {
    deps.endSession(c.var.session.token);
    return dataResponse({ success: true });
  });

  routes.get('/work/myWork', (c) => {
    const data = deps.data();
    const { userId } = c.var.session;
    // Tasks and issues have the same fields, so the TASK schema reads the parameters of both.
    const request = readListRequest(c, objectSchemas.TASK, deps.now());
    const mine = [...data.tasks, ...data.issues].filter(
      (item) => item.assignedToID === userId && !isComplete(item.status),
    );
    return dataResponse(request.respond(mine, data));
  });

  routes.get('/:objCode{[A-Za-z]+}/search', (c) => {
    const data = deps.data();
    const schema = schemaOf(c.req.param('objCode'));
    const request = readListRequest(c, schema, deps.now());
    return dataResponse(request.respond(data.records(schema.objCode), data));
  });

  routes.get('/:objCode{[A-Za-z]+}/count', (c) => {
    const data = deps.data();
    const schema = schemaOf(c.req.param('objCode'));
    const query = parseSearchQuery(searchParams(c), schema, searchContext(c, deps.now()));
    const found = runSearch(data.records(schema.objCode), { ...query, sorts: [] }, data);
    return dataResponse({ count: found.length });
  });

  routes.get('/:objCode{[A-Za-z]+}/:ID', (c) => {
    const data = deps.data();
    const schema = schemaOf(c.req.param('objCode'));
    const selection = parseFieldSelection(c.req.query('fields'), schema);
    const record = findRecord(data, schema, c.req.param('ID'));
    return dataResponse(projectRecord(record, selection, data));
  });

  routes.put('/:objCode{[A-Za-z]+}/:ID', async (c) => {
    const data = deps.data();
    const schema = schemaOf(c.req.param('objCode'));
    const selection = parseFieldSelection(c.req.query('fields'), schema);
    const record = findRecord(data, schema, c.req.param('ID'));
    if (record.objCode !== 'TASK' && record.objCode !== 'OPTASK') {
      throw invalidParameterError(
        `The emulator updates TASK and OPTASK only, not ${record.objCode}.`,
      );
    }
    const updates = c.req.query('updates') ?? (await c.req.text());
    if (updates.trim() === '') {
      throw invalidParameterError('Send updates as a query parameter or as a JSON body.');
    }
    applyWorkItemUpdates(record satisfies WorkItem, updates, deps.now());
    return dataResponse(projectRecord(record, selection, data));
  });

  return routes;
}

/** The token of a request: `sessionID` header, `sessionID` parameter, or Bearer when accepted. */
function sessionToken(request: Request, acceptBearer: boolean): string | undefined {
  const sessionId =
    request.headers.get('sessionID') ?? new URL(request.url).searchParams.get('sessionID');
  if (sessionId !== null && sessionId !== '') return sessionId;
  if (!acceptBearer) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
}

/** The parameters of `search` and `work/myWork`, validated before any record is read. */
function readListRequest(c: Context<ApiEnv>, schema: ObjectSchema, now: number) {
  const params = searchParams(c);
  const selection = parseFieldSelection(params.get('fields') ?? undefined, schema);
  const query = parseSearchQuery(params, schema, searchContext(c, now));
  const paging = parsePaging(params);
  return {
    respond: (records: readonly WorkfrontRecord[], data: WorkfrontData) =>
      page(runSearch(records, query, data), paging).map((record) =>
        projectRecord(record, selection, data),
      ),
  };
}

function searchParams(c: Context<ApiEnv>): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

function searchContext(c: Context<ApiEnv>, now: number) {
  return { userId: c.var.session.userId, now };
}

function schemaOf(name: string): ObjectSchema {
  const objCode = resolveObjCode(name);
  if (!objCode) throw notFoundError(`Unknown object code "${name}".`);
  return objectSchemas[objCode];
}

function findRecord(data: WorkfrontData, schema: ObjectSchema, ID: string): WorkfrontRecord {
  const record = data.findById(ID);
  if (record?.objCode !== schema.objCode) {
    throw notFoundError(`There is no ${schema.objCode} with the ID ${ID}.`);
  }
  return record;
}
