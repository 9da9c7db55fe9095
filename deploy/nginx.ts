// The production server: nginx from Debian's `nginx` package, configured from nginx.conf.template
// and the security headers of deploy/security-headers.ts.
//
//   npx tsx deploy/nginx.ts                       serve dist/ on :4173 until Ctrl-C (the e2e suite)
//   npx tsx deploy/nginx.ts --out /etc/wf-app --root /srv/wf-app --listen 8080 --app-origin \
//     https://work.example.com --write-only      write a configuration for production
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../src/config/app-config.ts';
import { callbackSecurityHeaders, readCallbackDocument } from './callback-document.ts';
import {
  proxiedContentSecurityPolicy,
  readServedConfig,
  securityHeaders,
  strictTransportSecurity,
  type HeaderMap,
} from './security-headers.ts';

export interface NginxSite {
  /** The folder to serve: a build with its config.json. */
  root: string;
  /** nginx's `listen`, e.g. `localhost:4173` or `8080`. */
  listen: string;
  /** The app's public origin; a token endpoint configured on it is proxied (see below). */
  appOrigin: string;
  /** Where /attask goes; the config's Workfront URL unless a test aims it elsewhere. */
  proxyTarget?: string;
  config: AppConfig;
  /**
   * nginx's `user`: whom the workers run as when root starts nginx. Unset in a configuration
   * written for production, where the system's set-up decides; startNginx sets it to root's own
   * user when root runs it (see invokingUser).
   */
  workerUser?: WorkerUser;
}

export interface WorkerUser {
  user: string;
  /** Without it nginx takes the group named as the user. */
  group?: string;
}

const workfrontTokenPath = '/integrations/oauth2/api/v1/token';
const debianCaBundle = '/etc/ssl/certs/ca-certificates.crt';
const templatePath = join(dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template');

/** A value goes into nginx's syntax inside double quotes: refuse what would change its meaning. */
function quoted(value: string): string {
  if (/["\\$\n\r]/.test(value)) throw new Error(`Cannot put ${value} into nginx's configuration`);
  return `"${value}"`;
}

/** HSTS comes from a map in nginx.conf: empty, so not sent, unless served over https. */
function headerLines(headers: HeaderMap): string {
  return [
    ...Object.entries(headers).map(
      ([name, value]) => `add_header ${name} ${quoted(value)} always;`,
    ),
    'add_header Strict-Transport-Security $strict_transport_security always;',
  ]
    .map((line) => `${line}\n`)
    .join('');
}

/** What every location forwarded to Workfront shares; each has its own proxy_pass. */
function proxyLines(target: URL, headers: HeaderMap): string {
  const tls =
    target.protocol === 'https:'
      ? [
          'proxy_ssl_server_name on;',
          `proxy_ssl_name ${target.hostname};`,
          'proxy_ssl_verify on;',
          'proxy_ssl_verify_depth 4;',
          `proxy_ssl_trusted_certificate ${debianCaBundle};`,
        ]
      : [];
  return [
    // Some servers take a backslash for a slash, and Java servers read `;` as the start of path
    // parameters (`..;` is `..` to them); no Workfront API path has either. $uri is decoded, so
    // %5C and %3B are caught too.
    'if ($uri ~ "[;\\x5C]") { return 400; }',
    'proxy_http_version 1.1;',
    'proxy_set_header Connection "";',
    `proxy_set_header Host ${target.host};`,
    ...tls,
    // The app authenticates with the sessionID header. No cookie of the app's origin goes to
    // Workfront, and no Workfront cookie lands on the app's origin.
    'proxy_set_header Cookie "";',
    'proxy_hide_header Set-Cookie;',
    // Ours replace Workfront's, so that each header is sent once.
    ...[...Object.keys(headers), 'Strict-Transport-Security'].map(
      (name) => `proxy_hide_header ${name};`,
    ),
  ]
    .map((line) => `${line}\n`)
    .join('')
    .concat(headerLines({ ...headers, 'Content-Security-Policy': proxiedContentSecurityPolicy }));
}

/**
 * Proxy mode for the token endpoint: when config.json names a token endpoint on the app's own
 * origin, nginx forwards that one path to Workfront's token endpoint. Otherwise the browser calls
 * Workfront's token endpoint itself (Workfront answers CORS for registered redirect origins).
 */
export function tokenProxyPath(site: Pick<NginxSite, 'config' | 'appOrigin'>): string | undefined {
  const endpoint = new URL(site.config.tokenEndpoint);
  return endpoint.origin === new URL(site.appOrigin).origin ? endpoint.pathname : undefined;
}

/** The group's name for a gid, from /etc/group; undefined where there is none. */
function groupName(gid: number): string | undefined {
  try {
    return readFileSync('/etc/group', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields[2] === String(gid))?.[0];
  } catch {
    return undefined;
  }
}

/**
 * Whom a local nginx (the e2e suite's, the bench's) runs its workers as: the user who started it,
 * so that they read the build wherever the checkout is, as `vite preview` would. Started by root
 * without a `user` line, nginx's workers would be `nobody`, which cannot get into a checkout
 * under /root or in a 0700 folder ("stat() … failed (13: Permission denied)"). Run by anyone
 * else, the workers are that user anyway (and a `user` line only draws a warning): undefined.
 */
export function invokingUser(euid = process.geteuid?.()): WorkerUser | undefined {
  if (euid !== 0) return undefined;
  const { username, gid } = userInfo();
  const group = groupName(gid);
  return { user: username, ...(group ? { group } : {}) };
}

function workerUserLine(workerUser: WorkerUser | undefined): string {
  if (!workerUser) {
    return '# No `user`: workers run as whoever starts nginx, or as `nobody` when root does.';
  }
  const names = [workerUser.user, workerUser.group].filter((name) => name !== undefined);
  for (const name of names) {
    if (!/^[\w.-]+$/.test(name))
      throw new Error(`Cannot put user ${name} into nginx's configuration`);
  }
  return `user ${names.join(' ')};`;
}

/** The files of an nginx prefix folder: nginx.conf and the two files it includes. */
export function renderNginxFiles(site: NginxSite, mimeTypes = '/etc/nginx/mime.types') {
  const headers = securityHeaders(site.config);
  const target = new URL(site.proxyTarget ?? site.config.workfrontUrl);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const workfront = `${target.protocol.slice(0, -1)}://workfront`;
  const tokenPath = tokenProxyPath(site);
  const tokenEndpointProxy = tokenPath
    ? [
        '',
        "        # The token endpoint, forwarded to Workfront's (config.json's tokenEndpoint).",
        `        location = ${quoted(tokenPath)} {`,
        `            proxy_pass ${workfront}${workfrontTokenPath};`,
        '            include proxy-to-workfront.conf;',
        '        }',
        '',
      ].join('\n')
    : '';
  const callbackPath = site.config.redirectPath;
  const callbackHtml = existsSync(join(site.root, 'callback.html'))
    ? readCallbackDocument(site.root)
    : undefined;
  const callbackDocument = callbackHtml
    ? [
        '',
        '        # Where Workfront redirects back to: the callback document, whose one script hands the',
        '        # code to the token vault before any of the app runs (deploy/callback-document.ts).',
        '        # Its CSP allows that script by hash; the page holds a code, so it is never stored.',
        `        location = ${quoted(callbackPath)} {`,
        '            include callback-headers.conf;',
        '            add_header Cache-Control "no-store" always;',
        '            try_files /callback.html =404;',
        '        }',
        '',
      ].join('\n')
    : '';
  const values: Record<string, string> = {
    workerUser: workerUserLine(site.workerUser),
    callbackDocument,
    mimeTypes,
    listen: site.listen,
    root: resolve(site.root),
    upstreamHostPort: `${target.hostname}:${port}`,
    workfront,
    strictTransportSecurity: quoted(strictTransportSecurity),
    tokenEndpointProxy,
  };
  const conf = readFileSync(templatePath, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx.conf.template: unknown {{${name}}}`);
    return value;
  });
  const callbackHeaders = callbackHtml && callbackSecurityHeaders(headers, callbackHtml);
  return {
    'nginx.conf': conf,
    'security-headers.conf': headerLines(headers),
    ...(callbackHeaders ? { 'callback-headers.conf': headerLines(callbackHeaders) } : {}),
    'proxy-to-workfront.conf': proxyLines(target, headers),
  };
}

export function writeNginxPrefix(dir: string, site: NginxSite): void {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  for (const [name, text] of Object.entries(renderNginxFiles(site))) {
    writeFileSync(join(dir, name), text);
  }
}

/** NGINX_PATH, then `nginx` on the PATH, then Debian's /usr/sbin/nginx. */
export function findNginx(): string {
  const candidates = [process.env.NGINX_PATH, 'nginx', '/usr/sbin/nginx'];
  const found = candidates.find(
    (path) => path && spawnSync(path, ['-v'], { stdio: 'ignore' }).status === 0,
  );
  if (found) return found;
  throw new Error(
    'nginx was not found. Install it (Debian or Ubuntu: sudo apt-get install -y nginx), ' +
      'or point NGINX_PATH at an nginx binary.',
  );
}

export interface RunningNginx {
  url: string;
  prefix: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground on a prefix folder of its own; resolves once it answers. Its
 * workers run as the user who starts it (invokingUser), so the prefix and the root need be
 * readable by that user only.
 */
export async function startNginx(site: NginxSite, prefix?: string): Promise<RunningNginx> {
  const dir = prefix ?? mkdtempSync(join(tmpdir(), 'wf-nginx-'));
  const workerUser = site.workerUser ?? invokingUser();
  writeNginxPrefix(dir, { ...site, ...(workerUser ? { workerUser } : {}) });
  const child = spawn(
    findNginx(),
    ['-p', dir, '-c', 'nginx.conf', '-e', 'stderr', '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });
  const url = site.appOrigin;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${errors}`);
    const answered = await fetch(`${url}/config.json`, { method: 'HEAD' }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer at ${url}: ${errors}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    prefix: dir,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: finish the requests in flight, then exit.
        child.kill('SIGQUIT');
        await exited;
      }
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      listen: { type: 'string', default: 'localhost:4173' },
      'app-origin': { type: 'string', default: 'http://localhost:4173' },
      'proxy-target': { type: 'string' },
      out: { type: 'string' },
      'write-only': { type: 'boolean', default: false },
    },
  });
  if (!['index.html', 'callback.html'].every((file) => existsSync(join(values.root, file)))) {
    console.error(
      `error: ${values.root} has no index.html or callback.html: run npm run build first.`,
    );
    return 1;
  }
  const site: NginxSite = {
    root: values.root,
    listen: values.listen,
    appOrigin: values['app-origin'],
    proxyTarget: values['proxy-target'] ?? process.env.WORKFRONT_PROXY_TARGET,
    config: readServedConfig(values.root, process.env, values['app-origin']),
  };
  if (values['write-only']) {
    const out = values.out ?? mkdtempSync(join(tmpdir(), 'wf-nginx-'));
    writeNginxPrefix(out, site);
    console.log(`Wrote ${out}/nginx.conf. Run: nginx -p ${out} -c nginx.conf -e stderr`);
    return 0;
  }
  const nginx = await startNginx(site, values.out);
  console.log(
    `nginx serves ${resolve(values.root)} on ${nginx.url} (configuration: ${nginx.prefix})`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void nginx.stop());
  }
  await new Promise<void>((done) => {
    nginx.process.once('exit', () => {
      done();
    });
  });
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
