import { appUrl, emulatorUrl } from './servers';

/** A request of the emulator's log, as GET /__emulator/log answers it (emulator/README.md). */
export interface LogEntry {
  time: string;
  method: string;
  path: string;
  endpoint: string;
  grantType?: string;
  status: number;
  durationMs: number;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulatorUrl}/__emulator${path}`, {
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

export const demoClientId = 'wf-demo-spa';

/** The bench's emulator, driven through its control API. */
export const emulator = {
  /** Back to the seed, with the bench's preview registered as a redirect URL of the demo app. */
  async reset(settings: Record<string, unknown> = {}): Promise<void> {
    await call('POST', '/reset');
    const app = await call<{ redirectUrls: string[] }>('GET', `/apps/${demoClientId}`);
    await call('PATCH', `/apps/${demoClientId}`, {
      redirectUrls: [...app.redirectUrls, `${appUrl}/callback`],
    });
    if (Object.keys(settings).length > 0) await call('POST', '/settings', settings);
  },
  settings: (changes: Record<string, unknown>) => call<unknown>('POST', '/settings', changes),
  clock: () => call<{ now: string; epochMs: number }>('GET', '/clock'),
  advanceClock: (seconds: number) =>
    call<{ now: string; epochMs: number }>('POST', '/clock', { advanceSeconds: seconds }),
  log: () => call<LogEntry[]>('GET', '/log'),
  clearLog: () => call<unknown>('DELETE', '/log'),
};

export const isTokenCall = (entry: LogEntry) =>
  entry.endpoint === 'token' && entry.method === 'POST';
