import type { AppConfig } from '../config/app-config';
import { requestPolicy, retryAfterMs } from '../config/request-policy';
import { WorkfrontApiError } from './workfront-errors';

/** Where the REST API is: on this origin through the proxy, or at Workfront itself. */
export function workfrontApiBase(config: AppConfig): string {
  const path = `/attask/api/${config.apiVersion}`;
  return config.apiMode === 'proxy' ? path : `${config.workfrontUrl}${path}`;
}

export interface WorkfrontAuth {
  getAccessToken(): Promise<string>;
  /** The reason lets the flow inspector tell this refresh from one the expiry timer started. */
  refresh(reason: 'rejected-by-workfront'): Promise<void>;
  /** Workfront refused even a fresh token: the session is over. */
  endSession(): Promise<void>;
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
}

const authenticationException = 'com.attask.common.AuthenticationException';

function toSearchParams(params: QueryParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  return search;
}

function httpError(response: Response): WorkfrontApiError {
  return new WorkfrontApiError('http', `Workfront answered HTTP ${response.status}.`, {
    status: response.status,
    retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
  });
}

/**
 * Reads Workfront's envelope. Success is `{data}`; failure is `{error:{class,message}}`, and may
 * come with any status, 2xx included, so the body decides, not the status.
 */
export async function readEnvelope(response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A failed status with an HTML or empty body (a proxy's 502, a server's 500 page) is an
    // HTTP error, not malformed data.
    if (!response.ok) throw httpError(response);
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
        retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
      },
    );
  }
  if (!response.ok) throw httpError(response);
  if (typeof body !== 'object' || body === null || !('data' in body)) {
    throw new WorkfrontApiError('malformed', 'Workfront sent a response without data.', {
      status: response.status,
    });
  }
  return body.data;
}

/** Workfront takes the OAuth2 access token as a session ID, whatever its `token_type` says. */
export function sessionHeaders(accessToken: string): Record<string, string> {
  return {
    sessionID: accessToken,
    'X-Requested-With': 'XMLHttpRequest',
    Accept: 'application/json',
  };
}

export function createWorkfrontClient(
  apiBase: string,
  auth: WorkfrontAuth,
  timeoutMs = requestPolicy.apiTimeoutSeconds * 1000,
): WorkfrontClient {
  async function send(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    params: QueryParams,
    signal?: AbortSignal,
  ) {
    const query = toSearchParams(params).toString();
    const inBody = method === 'POST';
    const url = `${apiBase}/${path}${!inBody && query ? `?${query}` : ''}`;
    const attempt = async (token: string) => {
      // A request Workfront never answers must end. Real time, not a page timer: a page frozen
      // in the background, or a test's clock, must not time out a request that is on its way.
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(url, {
          method,
          headers: inBody
            ? { ...sessionHeaders(token), 'Content-Type': 'application/x-www-form-urlencoded' }
            : sessionHeaders(token),
          body: inBody ? query : undefined,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        return await readEnvelope(response);
      } catch (error) {
        if (signal?.aborted || error instanceof WorkfrontApiError) throw error;
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
    };

    /** A failed token refresh, as an API error the screens can explain and retry. */
    const withSession = async <T>(step: () => Promise<T>): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        throw new WorkfrontApiError(
          'session',
          'The Workfront session could not be renewed.',
          {},
          {
            cause: error,
          },
        );
      }
    };

    const token = await withSession(() => auth.getAccessToken());
    try {
      return await attempt(token);
    } catch (error) {
      if (!(error instanceof WorkfrontApiError) || error.kind !== 'authentication') throw error;
    }
    // Rejected: refresh once, unless another caller already did, and retry once.
    const latest = await withSession(() => auth.getAccessToken());
    if (latest === token) await withSession(() => auth.refresh('rejected-by-workfront'));
    try {
      return await attempt(await withSession(() => auth.getAccessToken()));
    } catch (error) {
      if (error instanceof WorkfrontApiError && error.kind === 'authentication')
        await auth.endSession();
      throw error;
    }
  }

  return {
    get: (path, params = {}, signal) => send('GET', path, params, signal),
    getByPost: (path, params, signal) => send('POST', path, { ...params, method: 'GET' }, signal),
    put: (path, params = {}) => send('PUT', path, params),
  };
}

/** Ends the Workfront session behind an access token. */
export async function logout(apiBase: string, accessToken: string): Promise<void> {
  // Sent as the app signs out, maybe as the tab closes: keepalive lets it finish anyway.
  await fetch(`${apiBase}/logout`, {
    headers: sessionHeaders(accessToken),
    keepalive: true,
    signal: AbortSignal.timeout(requestPolicy.apiTimeoutSeconds * 1000),
  }).then(readEnvelope);
}
