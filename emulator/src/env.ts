import type { HttpBindings } from '@hono/node-server';

/** The Hono environment of the emulator: Node bindings, and what handlers tell the request log. */
export interface EmulatorEnv {
  Bindings: HttpBindings;
  Variables: { fault: string | undefined };
}
