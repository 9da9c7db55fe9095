import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
