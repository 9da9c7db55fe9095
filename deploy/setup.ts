// npm run setup -- --url https://acme.my.workfront.com --client-id <id> [--profile <file>]
// Checks the values with the app's own rules, checks that the instance's authorize endpoint
// answers, and writes public/config.json. Asks for missing values when run in a terminal. With
// an instance profile (the app's "Check this Workfront"), apiMode, apiVersion and stateEcho
// follow it.
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, parseAppConfig, type AppConfig } from '../src/config/app-config.ts';
import { messages } from '../src/config/messages.ts';
import { interpolate } from '../src/i18n/catalog.ts';
import {
  parseInstanceProfile,
  recommendedConfig,
  type InstanceProfile,
} from '../src/workfront/instance-profile.ts';
import { devHostFile, devHostProblem, writeDevHost } from './dev-host.ts';

const usage = `Usage: npm run setup -- --url <Workfront URL> --client-id <client ID> [options]

  --url            your instance, e.g. https://acme.my.workfront.com
  --client-id      the client ID of your single-page OAuth2 application
  --app-origin     where the app runs, to check its redirect URL (default http://localhost:5173)
  --dev-host       a host name for the dev server, e.g. workfront-dev.test, for instances that
                   refuse localhost redirect URLs: npm run dev then serves https://<name>:5173
  --redirect-path  default /callback
  --profile        an instance profile from the app's "Check this Workfront": apiMode and
                   apiVersion follow it, unless --api-mode or --api-version says otherwise;
                   stateEcho is false if the instance sent no state back
  --api-version    default v20.0, or the profile's choice
  --api-mode       proxy (default) or direct, or the profile's choice
  --sign-out-url   the page that signs a user out of Workfront in the browser, linked from the
                   app's signed-out page (Workfront documents none; without it, the page says
                   to sign out in Workfront or close the browser)
  --out            default public/config.json
  --skip-check     write the file without asking Workfront
  --help`;

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/**
 * Asks the authorize endpoint for a sign-in, as the app will. A login or consent page (200), or
 * a redirect to an identity provider, means it answers; anything else is explained.
 */
async function checkAuthorize(config: AppConfig, appOrigin: string): Promise<string> {
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: `${appOrigin}${config.redirectPath}`,
    scope: config.scope,
    code_challenge: randomBytes(32).toString('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'no answer';
    throw new Error(`${url.origin} did not answer (${reason}). Check the URL and your network.`, {
      cause: error,
    });
  }
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    const target = new URL(location, url);
    if (target.searchParams.has('error')) {
      throw new Error(
        `Workfront refused the request: ${target.searchParams.get('error') ?? ''} ${
          target.searchParams.get('error_description') ?? ''
        }`.trim(),
      );
    }
    return `the authorize endpoint answered with a redirect to ${target.origin} (sign-in)`;
  }
  if (response.ok) return `the authorize endpoint answered (HTTP ${response.status})`;
  const text = (await response.text())
    .replace(/<(style|script|title)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (isLocalhost(appOrigin) && /localhost/i.test(text)) {
    throw new Error(
      `the authorize endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}\n` +
        'This Workfront refuses localhost redirect URLs. Give the dev server a name of its own:\n' +
        '  npm run setup -- --url … --client-id … --dev-host workfront-dev.test\n' +
        'then register https://workfront-dev.test:5173/callback (docs/connect-workfront.md).',
    );
  }
  throw new Error(
    `the authorize endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}\n` +
      `Check the client ID, and that ${appOrigin}${config.redirectPath} is a registered redirect URL.`,
  );
}

interface ProfileChoice {
  apiMode: string;
  apiVersion: string;
  /** false only when the check saw the redirect back arrive without `state`. */
  stateEcho: boolean;
  /** One line each: why these values, and what the profile says needs attention. */
  lines: string[];
}

/**
 * Reads an instance profile with the app's own reader, and picks apiMode, apiVersion and
 * stateEcho from it.
 * An explicit --api-mode wins, with a warning when the profile disagrees; an explicit
 * --api-version wins unless the instance refused it. Throws an Error naming the field.
 */
function profileChoice(
  file: string,
  apiMode: string | undefined,
  apiVersion: string | undefined,
): ProfileChoice {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`the file cannot be read (${error instanceof Error ? error.message : ''})`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the file is not JSON (${error instanceof Error ? error.message : ''})`, {
      cause: error,
    });
  }
  const profile: InstanceProfile = parseInstanceProfile(json);
  const { behaviours } = profile;
  const { answered, refused } = behaviours.apiVersions;
  if (apiVersion !== undefined && refused.some((version) => version === apiVersion)) {
    throw new Error(
      `behaviours.apiVersions.refused: this Workfront refused ${apiVersion}; it answered ${
        answered.length > 0 ? answered.join(', ') : 'no version'
      }. Leave out --api-version to take the profile's choice.`,
    );
  }
  const recommended = recommendedConfig(profile, { apiVersion: apiVersion ?? 'v20.0' });
  const lines: string[] = [];
  const chosenMode = apiMode ?? recommended.apiMode;
  const chosenVersion = apiVersion ?? recommended.apiVersion;
  lines.push(
    apiMode === undefined
      ? `apiMode ${chosenMode}: the API ${behaviours.apiCors.value ? 'answered' : 'did not answer'} this origin's cross-origin calls (behaviours.apiCors)`
      : `apiMode ${chosenMode}: from --api-mode`,
    apiVersion === undefined
      ? `apiVersion ${chosenVersion}: ${answered.length > 0 ? `this Workfront answered ${answered.join(', ')}` : 'no version answered; the default is kept'} (behaviours.apiVersions)`
      : `apiVersion ${chosenVersion}: from --api-version`,
  );
  const { stateEcho } = recommended;
  if (!stateEcho) {
    lines.push(
      "stateEcho false: the redirect back carried no state (behaviours.stateEchoed), so a callback without state may be matched to its tab's pending sign-in",
    );
  }
  if (chosenMode === 'direct' && !behaviours.apiCors.value) {
    lines.push(
      'warning: behaviours.apiCors.value is false: the API did not answer cross-origin calls from the checked origin, so direct calls may fail there; proxy always works',
    );
  }
  if (!behaviours.tokenCors.value) {
    lines.push(
      'warning: behaviours.tokenCors.value is false: the token endpoint did not answer cross-origin calls, so sign-in needs tokenEndpoint on the app\'s origin, proxied (docs/connect-workfront.md, "Serving in production")',
    );
  }
  if (!behaviours.refreshTokenIssued.value) {
    lines.push(
      'warning: behaviours.refreshTokenIssued.value is false: no refresh token, so users sign in again when the access token expires',
    );
  }
  for (const { probe, reason } of profile.notRun) {
    lines.push(`note: the check did not run ${probe} (${reason})`);
  }
  return { apiMode: chosenMode, apiVersion: chosenVersion, stateEcho, lines };
}

function isLocalhost(origin: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
}

/** A hint when the dev host does not point at this machine yet. */
async function hostsFileHint(host: string): Promise<string | undefined> {
  const line = `127.0.0.1 ${host}`;
  try {
    const { address } = await lookup(host);
    return address === '127.0.0.1' || address === '::1'
      ? undefined
      : `${host} points at ${address}, not this machine: add "${line}" to your hosts file.`;
  } catch {
    return `${host} does not resolve yet: add "${line}" to your hosts file (/etc/hosts).`;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'client-id': { type: 'string' },
      'app-origin': { type: 'string' },
      'dev-host': { type: 'string' },
      'redirect-path': { type: 'string', default: '/callback' },
      profile: { type: 'string' },
      'api-version': { type: 'string' },
      'api-mode': { type: 'string' },
      'sign-out-url': { type: 'string' },
      out: { type: 'string', default: 'public/config.json' },
      'skip-check': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const devHost = values['dev-host'];
  const devHostError = devHost === undefined ? undefined : devHostProblem(devHost);
  if (devHostError) {
    console.error(`error: --dev-host ${devHostError}.\n\n${usage}`);
    return 2;
  }
  let choice: ProfileChoice | undefined;
  if (values.profile !== undefined) {
    try {
      choice = profileChoice(values.profile, values['api-mode'], values['api-version']);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`error: --profile ${values.profile}: ${message}\n\n${usage}`);
      return 2;
    }
  }
  const appOrigin =
    values['app-origin'] ??
    (devHost === undefined ? 'http://localhost:5173' : `https://${devHost}:5173`);
  const interactive = process.stdin.isTTY;
  const url = values.url ?? (interactive ? await ask('Workfront URL: ') : undefined);
  const clientId =
    values['client-id'] ??
    (interactive ? await ask('Client ID of the OAuth2 application: ') : undefined);

  let config: AppConfig;
  try {
    config = parseAppConfig({
      workfrontUrl: url,
      clientId,
      redirectPath: values['redirect-path'],
      apiVersion: choice?.apiVersion ?? values['api-version'],
      apiMode: choice?.apiMode ?? values['api-mode'],
      stateEcho: choice?.stateEcho,
      workfrontSignOutUrl: values['sign-out-url'],
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const { en } = messages;
    const problem = interpolate(en[`problem.${error.problem}`], { value: error.value });
    console.error(`error: ${error.field} ${problem}.\n${en[`fix.${error.field}`]}\n\n${usage}`);
    return 2;
  }

  if (!values['skip-check']) {
    try {
      console.log(`Checking ${config.authorizationEndpoint} …`);
      console.log(`ok: ${await checkAuthorize(config, appOrigin)}`);
    } catch (error) {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      console.error('Nothing was written. Fix the values, or pass --skip-check to write anyway.');
      return 1;
    }
  }

  const file = {
    workfrontUrl: config.workfrontUrl,
    clientId: config.clientId,
    redirectPath: config.redirectPath,
    scope: config.scope,
    apiVersion: config.apiVersion,
    apiMode: config.apiMode,
    ...(config.stateEcho ? {} : { stateEcho: false }),
    ...(config.workfrontSignOutUrl ? { workfrontSignOutUrl: config.workfrontSignOutUrl } : {}),
  };
  writeFileSync(values.out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`Wrote ${values.out}. Register ${appOrigin}${config.redirectPath} in Workfront.`);
  if (choice) {
    console.log(`From the profile ${values.profile ?? ''}:`);
    for (const line of choice.lines) console.log(`  ${line}`);
  }
  if (devHost !== undefined) {
    const { port } = new URL(appOrigin);
    const written = writeDevHost(process.cwd(), devHost, Number(port || 443));
    console.log(
      `Wrote ${devHostFile}: npm run dev serves ${appOrigin}, with the certificate ${written.cert}.`,
    );
    const hint = await hostsFileHint(devHost);
    if (hint) console.log(hint);
  }
  return 0;
}

process.exitCode = await main();
