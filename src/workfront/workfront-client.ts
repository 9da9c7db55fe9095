import type { AppConfig } from '../config/app-config';
import { requestPolicy, retryAfterMs } from '../config/request-policy';
import { WorkfrontApiError } from './workfront-errors';

/** Where the REST API is: on this origin through the proxy, or at Workfront itself. */
export function workfrontApiBase(config: AppConfig): string {
  const path = `/attask/api/${config.apiVersion}`;
  return config.apiMode === 'proxy' ? path : `${config.workfrontUrl}${path}`;
}

/** A request to the REST API, as the session sends it; it alone holds the token. */
export interface WorkfrontRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** Absolute. */
  url: string;
  /** A form body, for POST. */
  form?: string;
}

/** Workfront's answer, whole, and which credential of the session it answered. */
export interface WorkfrontAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
  credential: number;
}

/**
 * The signed-in session (src/auth's token vault): it adds the `sessionID` header to a request
 * and sends it. The shapes are src/auth/vault-protocol.ts's, which this module may not import.
 */
export interface WorkfrontSession {
  /** Rejects when the network fails or `signal` aborts; 'no-session' when signed out. */
  send(request: WorkfrontRequest, signal?: AbortSignal): Promise<WorkfrontAnswer | 'no-session'>;
  /**
   * Refreshes the tokens, unless they changed since `credential` (another caller refreshed).
   * The reason lets the flow inspector tell this refresh from one the expiry timer started.
   */
  refresh(reason: 'rejected-by-workfront', credential: number): Promise<void>;
  /** Workfront refused even a fresh token: the session is over. */
  sessionEnded(): Promise<void>;
}

export type QueryParams = Record<string, string | number | readonly string[]>;

export interface WorkfrontClient {
  /** GET `<apiBase>/<path>` and return the `data` of the envelope. */
  get(path: string, params?: QueryParams, signal?: AbortSignal): Promise<unknown>;
  /**
   * The same GET, sent as a POST with the parameters in a form body and `method=GET`, as
   * Workfront's own client does for queries longer than a URL may be (8892 bytes).
   */
  getByPost(path: string, params: QueryParams, signal?: AbortSignal): Promise<unknown>;
  put(path: string, params?: QueryParams): Promise<unknown>;
  /** POST `<apiBase>/<path>` with the parameters in a form body: Workfront creates an object. */
  post(path: string, params: QueryParams): Promise<unknown>;
}

const authenticationException = 'com.attask.common.AuthenticationException';

function toSearchParams(params: QueryParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  return search;
}

/** What readEnvelope needs of an answer, from the session or a plain fetch. */
export interface RawAnswer {
  status: number;
  retryAfter: string | null;
  body: string;
}

const ok = (answer: RawAnswer) => answer.status >= 200 && answer.status < 300;

function httpError(answer: RawAnswer): WorkfrontApiError {
  return new WorkfrontApiError('http', `Workfront answered HTTP ${String(answer.status)}.`, {
    status: answer.status,
    retryAfterMs: retryAfterMs(answer.retryAfter),
  });
}

/**
 * Reads Workfront's envelope. Success is `{data}`; failure is `{error:{class,message}}`, and may
 * come with any status, 2xx included, so the body decides, not the status.
 */
export function readEnvelope(response: RawAnswer): unknown {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    // A failed status with an HTML or empty body (a proxy's 502, a server's 500 page) is an
    // HTTP error, not malformed data.
    if (!ok(response)) throw httpError(response);
    throw new WorkfrontApiError(
      'malformed',
      `Workfront sent a response that is not JSON (HTTP ${response.status}).`,
      { status: response.status },
    );
  }
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: Record<string, unknown> =
      typeof body.error === 'object' && body.error !== null ? { ...body.error } : {};
    const errorClass = typeof error.class === 'string' ? error.class : undefined;
    const message =
      typeof error.message === 'string' && error.message
        ? error.message
        : `Workfront reported an error (HTTP ${response.status}).`;
    throw new WorkfrontApiError(
      errorClass === authenticationException ? 'authentication' : 'workfront',
      message,
      {
        status: response.status,
        errorClass,
        retryAfterMs: retryAfterMs(response.retryAfter),
      },
    );
  }
  if (!ok(response)) throw httpError(response);
  if (typeof body !== 'object' || body === null || !('data' in body)) {
    throw new WorkfrontApiError('malformed', 'Workfront sent a response without data.', {
      status: response.status,
    });
  }
  return body.data;
}

export function createWorkfrontClient(
  apiBase: string,
  session: WorkfrontSession,
  timeoutMs = requestPolicy.apiTimeoutSeconds * 1000,
): WorkfrontClient {
  const base = new URL(apiBase, window.location.origin).href;
  const noSession = (cause?: unknown) =>
    new WorkfrontApiError(
      'session',
      'The Workfront session could not be refreshed.',
      {},
      cause === undefined ? undefined : { cause },
    );

  async function send(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    params: QueryParams,
    signal?: AbortSignal,
  ) {
    const query = toSearchParams(params).toString();
    const inBody = method === 'POST';
    const request: WorkfrontRequest = {
      method,
      url: `${base}/${path}${!inBody && query ? `?${query}` : ''}`,
      ...(inBody ? { form: query } : {}),
    };
    const attempt = async () => {
      // A request Workfront never answers must end. Real time, not a page timer: a page frozen
      // in the background, or a test's clock, must not time out a request that is on its way.
      const timeout = AbortSignal.timeout(timeoutMs);
      let answer: WorkfrontAnswer | 'no-session';
      try {
        answer = await session.send(request, signal ? AbortSignal.any([signal, timeout]) : timeout);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (timeout.aborted) {
          const seconds = timeoutMs / 1000;
          throw new WorkfrontApiError(
            'timeout',
            `Workfront did not answer within ${String(seconds)} seconds.`,
            { timeoutSeconds: seconds },
          );
        }
        throw new WorkfrontApiError('network', 'Workfront could not be reached.');
      }
      if (answer === 'no-session') throw noSession();
      return { data: () => readEnvelope(answer), credential: answer.credential };
    };

    const first = await attempt();
    try {
      return first.data();
    } catch (error) {
      if (!(error instanceof WorkfrontApiError) || error.kind !== 'authentication') throw error;
    }
    // Rejected: refresh once (unless another caller already did) and retry once.
    try {
      await session.refresh('rejected-by-workfront', first.credential);
    } catch (error) {
      throw noSession(error);
    }
    try {
      return (await attempt()).data();
    } catch (error) {
      if (error instanceof WorkfrontApiError && error.kind === 'authentication') {
        await session.sessionEnded();
      }
      throw error;
    }
  }

  return {
    get: (path, params = {}, signal) => send('GET', path, params, signal),
    getByPost: (path, params, signal) => send('POST', path, { ...params, method: 'GET' }, signal),
    put: (path, params = {}) => send('PUT', path, params),
    post: (path, params) => send('POST', path, params),
  };
}
