/**
 * Servers a script starts as child processes (the emulator, nginx) for the bench and the engine
 * smoke: each is watched until it answers, and whatever ends the script, a crash or Ctrl-C
 * included, ends them with it.
 */
import type { ChildProcess } from 'node:child_process';

const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;

const running = new Set<ChildProcess>();

export function killAllServers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

process.on('exit', killAllServers);
for (const [signal, status] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    killAllServers();
    process.exit(status);
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once `readyUrl` answers, with a way to stop the child (`signal`, then SIGKILL if it
 * lingers); fails with the child's output if it exits or takes too long.
 */
export async function watchServer(
  name: string,
  child: ChildProcess,
  readyUrl: string,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<() => Promise<void>> {
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(readyUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      running.delete(child);
      throw new Error(`${name} did not start at ${readyUrl}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
}

/** A child that another module started and stops (deploy/nginx.ts's), ended with the script. */
export function trackServer(child: ChildProcess): () => void {
  running.add(child);
  return () => running.delete(child);
}
