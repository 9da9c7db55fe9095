/** Drives the Workfront emulator through its control API, as any outside test would. */
export const emulatorUrl = 'http://localhost:8787';

export interface LogEntry {
  time: string;
  method: string;
  path: string;
  endpoint: string;
  grantType?: string;
  status: number;
}

export type FaultTarget = 'authorize' | 'token' | 'revoke' | 'api';

export interface Fault {
  target: FaultTarget;
  count: number;
  /** Only requests whose path contains this. */
  path?: string;
  status?: number;
  delayMs?: number;
  body?: 'malformed' | 'html' | 'errorEnvelope' | 'empty';
  /** With a 429 (or another status), sends `Retry-After`. */
  retryAfterSeconds?: number;
  drop?: true;
  /** The request is handled in full, then the answer is lost. */
  dropAfterProcessing?: true;
}

/** The control API of the emulator at `baseUrl`; the bench runs one on a port of its own. */
export function createEmulatorControl(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} /__emulator${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  type ClockView = { now: string; epochMs: number };

  return {
    reset: () => call<unknown>('POST', '/reset'),
    settings: (changes: Record<string, unknown>) => call<unknown>('POST', '/settings', changes),
    clock: () => call<ClockView>('GET', '/clock'),
    advanceClock: (seconds: number) =>
      call<ClockView>('POST', '/clock', { advanceSeconds: seconds }),
    fault: (fault: Fault) => call<unknown>('POST', '/faults', fault),
    clearFaults: () => call<unknown>('DELETE', '/faults'),
    app: (clientId: string) => call<{ redirectUrls: string[] }>('GET', `/apps/${clientId}`),
    updateApp: (clientId: string, changes: Record<string, unknown>) =>
      call<unknown>('PATCH', `/apps/${clientId}`, changes),
    expireSessions: (
      which: { tokens: 'access' } | { tokens: 'refresh'; limit: 'absolute' | 'inactivity' },
    ) => call<unknown>('POST', '/sessions/expire', which),
    revokeSessions: () => call<unknown>('POST', '/sessions/revoke'),
    clearLog: () => call<unknown>('DELETE', '/log'),
    log: () => call<LogEntry[]>('GET', '/log'),
    /** The tokens issued since the last reset, to look for where they must never be. */
    issuedTokens: () =>
      call<{ accessTokens: string[]; refreshTokens: string[] }>('GET', '/issued-tokens'),
    async tokenCalls(grantType: 'authorization_code' | 'refresh_token'): Promise<LogEntry[]> {
      return (await this.log()).filter(
        (entry) => isTokenCall(entry) && entry.grantType === grantType,
      );
    },
  };
}

export const isTokenCall = (entry: LogEntry) =>
  entry.endpoint === 'token' && entry.method === 'POST';

export const emulator = createEmulatorControl(emulatorUrl);

export const demoClientId = 'wf-demo-spa';
