import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port on localhost that nothing listens on now: a test's server takes it next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
