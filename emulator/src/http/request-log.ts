import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../env.ts';
import { readTokenBody } from '../oauth/token-body.ts';
import { endpointOf, type Endpoint } from './endpoints.ts';

export interface LogEntry {
  /** ISO 8601 time on the emulator clock. */
  time: string;
  method: string;
  /** Path and query, with secret values replaced by `[redacted]`. */
  path: string;
  endpoint: Endpoint;
  grantType?: string;
  /** 0 when an injected fault dropped the connection, before or after handling the request. */
  status: number;
  durationMs: number;
  /** The injected fault that answered the request, if any. */
  fault?: string;
}

export interface RequestLog {
  middleware: MiddlewareHandler<EmulatorEnv>;
  entries(): LogEntry[];
  clear(): void;
}

const capacity = 500;

const secretParameters = new Set([
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'client_secret',
  'jwt_token',
  'token',
  'sessionID',
  'sessionid',
]);

function decodedKey(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replaceAll('+', ' '));
  } catch {
    return rawKey;
  }
}

/** The path and query as sent, but for the values of secret parameters. */
function redactedPath(url: URL): string {
  if (url.search === '') return url.pathname;
  const parts = url.search
    .slice(1)
    .split('&')
    .map((part) => {
      const [rawKey = ''] = part.split('=', 1);
      return secretParameters.has(decodedKey(rawKey)) ? `${rawKey}=[redacted]` : part;
    });
  return `${url.pathname}?${parts.join('&')}`;
}

/**
 * The recent requests of the app under test; the control API's own calls are left out, and so is
 * a request that arrived before the last reset (`epoch` aborted) and finished after it.
 */
export function createRequestLog(now: () => number, epoch: () => AbortSignal): RequestLog {
  const entries: LogEntry[] = [];
  return {
    async middleware(c, next) {
      const started = performance.now();
      const arrivedIn = epoch();
      const url = new URL(c.req.url);
      const endpoint = endpointOf(url.pathname);
      // Read before any fault answers, so that a failed refresh is still logged as a refresh.
      const body =
        endpoint === 'token' && c.req.method === 'POST'
          ? readTokenBody(c.req.header('content-type'), await c.req.text())
          : undefined;
      const grantType = body?.ok === true ? body.form.grant_type : undefined;
      await next();
      if (endpoint === 'control' || arrivedIn.aborted) return;
      const fault = c.get('fault');
      entries.push({
        time: new Date(now()).toISOString(),
        method: c.req.method,
        path: redactedPath(url),
        endpoint,
        ...(grantType === undefined ? {} : { grantType }),
        status: fault?.startsWith('drop') === true ? 0 : c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(fault === undefined ? {} : { fault }),
      });
      if (entries.length > capacity) entries.shift();
    },
    entries: () => [...entries],
    clear() {
      entries.length = 0;
    },
  };
}
