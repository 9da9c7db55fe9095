/**
 * The dev server on a host name of its own, for Workfront instances that refuse `localhost` in
 * redirect URLs (Workfront's demo README says they do). The name points at this machine in the
 * hosts file, and the server speaks https: a browser gives PKCE's `crypto.subtle` only to a secure
 * context, which plain http on a name other than localhost is not.
 *
 * `npm run setup -- --dev-host <name>` writes `dev-host.local.json` (not committed), and
 * `vite.config.ts` reads it for `npm run dev`. `npm start`, on the emulator, ignores it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const devHostFile = 'dev-host.local.json';

export interface DevHost {
  host: string;
  port: number;
  /** PEM files of the server's certificate and key. */
  cert: string;
  key: string;
}

const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$/i;

/** Why a name cannot serve as the dev host, or undefined if it can. */
export function devHostProblem(host: string): string | undefined {
  if (/(^|\.)localhost$/i.test(host)) {
    return `"${host}" is a localhost name, which the dev host exists to avoid`;
  }
  return hostName.test(host)
    ? undefined
    : `"${host}" is not a host name such as workfront-dev.test`;
}

/** The dev host that `npm run setup` wrote, or undefined when there is none. */
export function readDevHost(root: string): DevHost | undefined {
  const file = join(root, devHostFile);
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevHost>;
  const { host, port, cert, key } = raw;
  if (
    typeof host !== 'string' ||
    devHostProblem(host) !== undefined ||
    typeof port !== 'number' ||
    typeof cert !== 'string' ||
    typeof key !== 'string'
  ) {
    throw new Error(`${file} is malformed; run npm run setup -- --dev-host <name> again.`);
  }
  return { host, port, cert: join(root, cert), key: join(root, key) };
}

/**
 * Writes the dev host file, with a self-signed certificate for the name made by openssl unless
 * one is there already. A certificate from mkcert, put in the same place, is trusted without a
 * browser warning.
 */
export function writeDevHost(root: string, host: string, port: number): DevHost {
  const dir = '.dev-host';
  const cert = join(dir, `${host}.crt`);
  const key = join(dir, `${host}.key`);
  mkdirSync(join(root, dir), { recursive: true });
  if (!existsSync(join(root, cert)) || !existsSync(join(root, key))) {
    makeCertificate(host, join(root, cert), join(root, key));
  }
  writeFileSync(join(root, devHostFile), `${JSON.stringify({ host, port, cert, key }, null, 2)}\n`);
  return { host, port, cert: join(root, cert), key: join(root, key) };
}

function makeCertificate(host: string, certFile: string, keyFile: string): void {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '397',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=DNS:${host}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
  } catch (error) {
    throw new Error(
      `Could not make a certificate for ${host} with openssl (${String(error)}). Install openssl, ` +
        `or make one with mkcert and save it as ${certFile} and ${keyFile}.`,
      { cause: error },
    );
  }
}
