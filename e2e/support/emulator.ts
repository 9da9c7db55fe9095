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

export type FaultTarget = 'authorize' | 'token' | 'api';

export interface Fault {
  target: FaultTarget;
  count: number;
  status?: number;
  delayMs?: number;
  body?: 'malformed' | 'html' | 'errorEnvelope';
  drop?: true;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const emulator = {
  reset: () => call<unknown>('POST', '/__emulator/reset'),
  settings: (changes: Record<string, unknown>) =>
    call<unknown>('POST', '/__emulator/settings', changes),
  clock: () => call<{ now: string; epochMs: number }>('GET', '/__emulator/clock'),
  advanceClock: (seconds: number) =>
    call<unknown>('POST', '/__emulator/clock', { advanceSeconds: seconds }),
  fault: (fault: Fault) => call<unknown>('POST', '/__emulator/faults', fault),
  clearFaults: () => call<unknown>('DELETE', '/__emulator/faults'),
  updateApp: (clientId: string, changes: Record<string, unknown>) =>
    call<unknown>('PATCH', `/__emulator/apps/${clientId}`, changes),
  clearLog: () => call<unknown>('DELETE', '/__emulator/log'),
  async log(): Promise<LogEntry[]> {
    const body = await call<LogEntry[] | { entries: LogEntry[] }>('GET', '/__emulator/log');
    return Array.isArray(body) ? body : body.entries;
  },
  async tokenCalls(grantType: 'authorization_code' | 'refresh_token'): Promise<LogEntry[]> {
    return (await this.log()).filter(
      (entry) =>
        entry.endpoint === 'token' && entry.method === 'POST' && entry.grantType === grantType,
    );
  },
};

export const demoClientId = 'wf-demo-spa';
