import { Hono, type Context } from 'hono';
import { randomHex } from '../random.ts';
import type { Settings } from '../settings.ts';
import { isFormRequest, readApiRequest, type ApiRequest } from './api-request.ts';
import { apiModelOf, checkApiVersion, versionSegmentPattern } from './api-version.ts';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.ts';
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
import { parseFieldSelection, projectRecord, type FieldSelection } from './field-selection.ts';
import { objectMetadata } from './metadata.ts';
import { isCreatable, newNote, readNoteRequest } from './note-creation.ts';
import { objectSchemas, readField, resolveObjCode, type ObjectSchema } from './object-schemas.ts';
import { page, parsePaging } from './paging.ts';
import type { WorkfrontRecord, WorkItem } from './records.ts';
import { parseSearchQuery, runSearch, type SearchContext } from './search-query.ts';
import { isFinished } from './statuses.ts';
import {
  applyWorkItemUpdates,
  isEditable,
  readUpdates,
  type UpdateSources,
} from './work-item-updates.ts';

export interface ApiDeps {
  data: () => WorkfrontData;
  /** The signed-in user of a session ID (an access token), or null when it is unknown or expired. */
  authenticate: (token: string) => { userId: string } | null;
  endSession: (token: string) => void;
  settings: () => Settings;
  now: () => number;
}

interface ApiEnv {
  Variables: {
    session: { token: string; userId: string };
    /** The API model that error texts name: V20_0, INTERNAL, UNSUPPORTED. */
    apiModel: string;
  };
}

type ApiContext = Context<ApiEnv>;

/**
 * The REST API, one Hono for each base path: `/attask/api` (`/<version>/…` for v16.0–v22.0, and
 * unversioned), and the deprecated `/attask/api-internal` and `/attask/api-unsupported`, which
 * the official client uses when it is given no version. Every answer is JSON in Workfront's
 * envelope and is not to be cached. The concurrency cap counts a user's requests on all three.
 */
export interface ApiRoutes {
  versioned: Hono;
  internal: Hono;
  unsupported: Hono;
}

export function createApiRoutes(deps: ApiDeps): ApiRoutes {
  const concurrencyLimit = createConcurrencyLimit();
  const routes = createObjectRoutes(deps);
  const versionPrefix = `/:version{${versionSegmentPattern}}`;
  const mount = (apiModel: string, prefixes: readonly string[]) => {
    const api = new Hono<ApiEnv>();
    api.use('*', async (c, next) => {
      c.set('apiModel', apiModel);
      await next();
    });
    if (prefixes.includes(versionPrefix)) {
      api.use(`${versionPrefix}/*`, async (c, next) => {
        const version = c.req.param('version');
        checkApiVersion(version);
        c.set('apiModel', apiModelOf(version));
        await next();
      });
    }
    addSessionChecks(api, deps, concurrencyLimit);
    for (const prefix of prefixes) api.route(prefix, routes);
    return finish(api);
  };
  return {
    versioned: mount(apiModelOf(undefined), [versionPrefix, '/']),
    internal: mount('INTERNAL', ['/']),
    unsupported: mount('UNSUPPORTED', ['/']),
  };
}

/** The session comes before the route: an unknown path without a session is refused as such. */
function addSessionChecks(
  api: Hono<ApiEnv>,
  deps: ApiDeps,
  concurrencyLimit: ConcurrencyLimit,
): void {
  api.use('*', async (c, next) => {
    const { acceptBearer, authErrorStatus } = deps.settings();
    const token = await sessionToken(c.req.raw, acceptBearer, () => c.req.text());
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
}

function finish(api: Hono<ApiEnv>): Hono {
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
  // The variables are internal: callers get a plain Hono to mount.
  const app = new Hono();
  app.route('/', api);
  return app;
}

/** Parameters of an edit or a creation that name no field to set. */
const reservedParams = new Set(['fields', 'sessionID', 'method', 'updates', 'id']);

function createObjectRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const objCodePattern = ':objCode{[A-Za-z]+}';

  routes.all('/logout', async (c) => {
    operation(c, await readApiRequest(c.req), ['GET', 'POST']);
    deps.endSession(c.var.session.token);
    return dataResponse({ success: true });
  });

  routes.all('/work/myWork', async (c) => {
    const request = await readApiRequest(c.req);
    operation(c, request, ['GET']);
    const data = deps.data();
    const { myWorkObjCode, myWorkPaging } = deps.settings();
    const { userId } = c.var.session;
    // Tasks and issues have the same fields but for taskNumber and wbs: TASK's schema reads both.
    const list = readListRequest(request.params, objectSchemas.TASK, context(c, deps), {
      paging: myWorkPaging,
    });
    const mine = [...data.tasks, ...data.issues].filter(
      (item) => isAssignedTo(item, userId, data) && !isFinished(item.objCode, item.status),
    );
    const rows = list.respond(mine, data);
    return dataResponse(
      myWorkObjCode === 'WORK' ? rows.map((row) => ({ ...row, objCode: 'WORK' })) : rows,
    );
  });

  routes.all(`/${objCodePattern}/search`, async (c) => {
    const request = await readApiRequest(c.req);
    operation(c, request, ['GET']);
    const schema = schemaOf(c.req.param('objCode'));
    const list = readListRequest(request.params, schema, context(c, deps), {
      paging: 'honoured',
    });
    const data = deps.data();
    return dataResponse(list.respond(data.records(schema.objCode), data));
  });

  routes.all(`/${objCodePattern}/count`, async (c) => {
    const request = await readApiRequest(c.req);
    operation(c, request, ['GET']);
    const schema = schemaOf(c.req.param('objCode'));
    const query = parseSearchQuery(request.params, schema, context(c, deps));
    const data = deps.data();
    const found = runSearch(data.records(schema.objCode), { ...query, sorts: [] }, data);
    return dataResponse({ count: found.length });
  });

  routes.all(`/${objCodePattern}/metadata`, async (c) => {
    operation(c, await readApiRequest(c.req), ['GET']);
    const schema = schemaOf(c.req.param('objCode'));
    const url = new URL(c.req.url);
    const apiBase = url.pathname.replace(/\/[^/]+\/metadata$/, '');
    return dataResponse(objectMetadata(schema, `${url.origin}${apiBase}`));
  });

  routes.all(`/${objCodePattern}/:ID`, async (c) => {
    const request = await readApiRequest(c.req);
    operation(c, request, ['GET', 'PUT']);
    const schema = schemaOf(c.req.param('objCode'));
    const ID = c.req.param('ID');
    if (request.method === 'PUT') return edit(c, deps, request, schema, ID);
    const selection = selectionOf(c, request, schema);
    const data = deps.data();
    return dataResponse(projectRecord(findRecord(data, schema, ID), selection, data));
  });

  // `task?id=a,b` or `task?id=a&id=b` (the official client's get of several), `?id=` edits, and
  // `POST note` creates.
  routes.all(`/${objCodePattern}`, async (c) => {
    const request = await readApiRequest(c.req);
    operation(c, request, ['GET', 'PUT', 'POST']);
    const schema = schemaOf(c.req.param('objCode'));
    if (request.method === 'POST') return create(c, deps, request, schema);
    const ids = request.params
      .getAll('id')
      .flatMap((value) => value.split(','))
      .map((ID) => (/^\$\$USER(\.ID)?$/.test(ID) ? c.var.session.userId : ID));
    const [first] = ids;
    if (first === undefined) {
      throw invalidParameterError(`${request.method} ${schema.objCode} needs id=<ID>[,<ID>…].`);
    }
    if (request.method === 'PUT') {
      if (ids.length > 1) throw invalidParameterError('The emulator edits one object at a time.');
      return edit(c, deps, request, schema, first);
    }
    const selection = selectionOf(c, request, schema);
    const data = deps.data();
    const rows = ids.map((ID) => projectRecord(findRecord(data, schema, ID), selection, data));
    return dataResponse(ids.length === 1 ? rows[0] : rows);
  });

  return routes;
}

/** Refuses an operation that the path does not have, as an unknown route is refused. */
function operation(c: ApiContext, request: ApiRequest, methods: readonly string[]): void {
  if (!methods.includes(request.method)) {
    throw notFoundError(`There is no API operation ${request.method} ${c.req.path}.`);
  }
}

function edit(
  c: ApiContext,
  deps: ApiDeps,
  request: ApiRequest,
  schema: ObjectSchema,
  ID: string,
): Response {
  const data = deps.data();
  const record = findRecord(data, schema, ID);
  if (!isEditable(record.objCode)) {
    throw invalidParameterError(
      `The emulator updates TASK and OPTASK only, not ${record.objCode}.`,
    );
  }
  const selection = selectionOf(c, request, schema);
  applyWorkItemUpdates(record as WorkItem, updateSources(request), deps.now(), c.var.apiModel);
  return dataResponse(projectRecord(record, selection, data));
}

/**
 * `POST note`: the new note with the default fields and `fields`, as a PUT answers with the object
 * (api-basics.md, "POST Behavior"; workfront-api fixtures/create.json). It is owned by the
 * signed-in user and dated by the emulator clock.
 */
function create(c: ApiContext, deps: ApiDeps, request: ApiRequest, schema: ObjectSchema): Response {
  if (!isCreatable(schema.objCode)) {
    throw invalidParameterError(`The emulator creates NOTE only, not ${schema.objCode}.`);
  }
  const selection = selectionOf(c, request, schema);
  const settings = deps.settings();
  const noteRequest = readNoteRequest(
    readUpdates(updateSources(request)),
    c.var.apiModel,
    settings,
  );
  const data = deps.data();
  findRecord(data, objectSchemas[noteRequest.noteObjCode], noteRequest.objID);
  const { userId } = c.var.session;
  const note = newNote(noteRequest, randomHex(16), { userId, now: deps.now() }, settings);
  data.add(note);
  return dataResponse(projectRecord(note, selection, data));
}

/** `updates` from the query or a form body, else a JSON body, and the plain field parameters. */
function updateSources(request: ApiRequest): UpdateSources {
  const updates = request.params.get('updates') ?? undefined;
  return {
    updatesJson: updates ?? (request.body.trim() === '' ? undefined : request.body),
    fieldParams: [...request.params].filter(([name]) => !reservedParams.has(name)),
  };
}

/**
 * The token of a request: `sessionID` header, `sessionID` parameter of the query or of a form
 * body, or Bearer when accepted.
 */
async function sessionToken(
  request: Request,
  acceptBearer: boolean,
  body: () => Promise<string>,
): Promise<string | undefined> {
  let sessionId =
    request.headers.get('sessionID') ?? new URL(request.url).searchParams.get('sessionID');
  if (!sessionId && isFormRequest(request)) {
    sessionId = new URLSearchParams(await body()).get('sessionID');
  }
  if (sessionId) return sessionId;
  if (!acceptBearer) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
}

/** The parameters of `search` and `work/myWork`, validated before any record is read. */
function readListRequest(
  params: URLSearchParams,
  schema: ObjectSchema,
  searchContext: SearchContext,
  options: { paging: Settings['myWorkPaging'] },
) {
  const selection = parseFieldSelection(
    params.get('fields') ?? undefined,
    schema,
    searchContext.apiModel,
  );
  params = withoutIgnored(params, options.paging);
  const query = parseSearchQuery(params, schema, searchContext);
  const paging = options.paging === 'ignored' ? undefined : parsePaging(params);
  return {
    respond: (records: readonly WorkfrontRecord[], data: WorkfrontData) => {
      const found = runSearch(records, query, data);
      return (paging ? page(found, paging) : found).map((record) =>
        projectRecord(record, selection, data),
      );
    },
  };
}

/** The parameters that each paging leaves unread, and so unchecked too. */
const ignoredParams: Record<Settings['myWorkPaging'], (name: string) => boolean> = {
  honoured: () => false,
  ignored: (name) => name === '$$FIRST' || name === '$$LIMIT' || name.endsWith('_Sort'),
  'limit-only': (name) => name === '$$FIRST',
};

function withoutIgnored(params: URLSearchParams, paging: Settings['myWorkPaging']) {
  const ignored = ignoredParams[paging];
  return new URLSearchParams([...params].filter(([name]) => !ignored(name)));
}

function selectionOf(c: ApiContext, request: ApiRequest, schema: ObjectSchema): FieldSelection {
  return parseFieldSelection(request.params.get('fields') ?? undefined, schema, c.var.apiModel);
}

/** Who the filters' `$$USER` wildcards stand for, and what `$$NOW` is. */
function context(c: ApiContext, deps: ApiDeps): SearchContext {
  const user = deps.data().findById(c.var.session.userId);
  return {
    apiModel: c.var.apiModel,
    now: deps.now(),
    userValue: (field) => {
      if (user?.objCode !== 'USER' || objectSchemas.USER.fields.get(field)?.kind !== 'string') {
        return undefined;
      }
      const value = readField(user, field);
      return typeof value === 'string' ? value : undefined;
    },
  };
}

/** An item is the user's when one of its assignments is. */
function isAssignedTo(item: WorkItem, userId: string, data: WorkfrontData): boolean {
  const foreignKey = item.objCode === 'TASK' ? 'taskID' : 'opTaskID';
  return data
    .related('ASSGN', foreignKey, item.ID)
    .some((assignment) => readField(assignment, 'assignedToID') === userId);
}

function schemaOf(name: string): ObjectSchema {
  const objCode = resolveObjCode(name);
  if (!objCode) throw notFoundError(`Unknown object code "${name}".`);
  return objectSchemas[objCode];
}

/**
 * Workfront's text for an ID that it does not find ("User with primary key value(s) "null" not
 * found": frequently-asked-questions-about-kick-starts.md). The emulator has no sharing rules:
 * every user sees every object, so none is refused for want of access.
 */
function findRecord(data: WorkfrontData, schema: ObjectSchema, ID: string): WorkfrontRecord {
  const record = data.findById(ID);
  if (record?.objCode !== schema.objCode) {
    throw notFoundError(`${schema.name} with primary key value(s) "${ID}" not found`);
  }
  return record;
}
