import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/server.ts';

/** An emulator on a free localhost port, reached over real HTTP like the app reaches it. */
export interface RunningEmulator {
  emulator: Emulator;
  baseUrl: string;
  /** A control API call: JSON in, the raw response out. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve) => {
    const server = serve(
      { fetch: emulator.app.fetch, port: 0, hostname: 'localhost' },
      (info: AddressInfo) => {
        resolve({ server: server as Server, port: info.port });
      },
    );
  });
  const baseUrl = `http://localhost:${port}`;
  return {
    emulator,
    baseUrl,
    control: (method, path, body) =>
      fetch(`${baseUrl}/__emulator${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/**
 * One emulator for a test file, started before its tests, reset to its seed before each test and
 * closed after them. Read it inside tests and hooks: it exists only once they run.
 */
export function useEmulator(): RunningEmulator {
  let running: RunningEmulator | undefined;
  const current = () => {
    if (!running) throw new Error('The emulator starts before the tests: use it inside one.');
    return running;
  };
  beforeAll(async () => {
    running = await startEmulator();
  });
  afterAll(() => current().close());
  beforeEach(async () => {
    await current().control('POST', '/reset');
  });
  return {
    get emulator() {
      return current().emulator;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    control: (method, path, body) => current().control(method, path, body),
    close: () => current().close(),
  };
}
