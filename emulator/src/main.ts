import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readInstanceProfile } from './instance-profile.ts';
import { createEmulator } from './server.ts';
import {
  environmentName,
  flagName,
  parseSettingText,
  settingKeys,
  settingSpecs,
} from './settings-schema.ts';
import { defaultSettings, type Settings } from './settings.ts';

const defaultPort = 8787;

/** Exit status for invalid flags or environment variables, as for a usage error. */
const usageError = 2;

function helpText(): string {
  const entries = [
    `  --port=<n>  or  WF_EMULATOR_PORT\n      Port on localhost. Default: ${defaultPort}.`,
    '  --profile=<file>  or  WF_EMULATOR_PROFILE\n' +
      '      An instance profile (the JSON of the app\'s "Check this Workfront") to start from.\n' +
      '      A setting given by its flag or environment variable wins over the profile.',
    ...settingKeys.map((key) => {
      const spec = settingSpecs[key];
      const usage = `  --${flagName(key)}=<value>  or  ${environmentName(key)}`;
      const defaultValue = String(defaultSettings[key]);
      return `${usage}\n      ${spec.description} Values: ${spec.accepted}. Default: ${defaultValue}.`;
    }),
    '  --help\n      Show this help.',
  ];
  return [
    'Usage: npm run emulator -- [options]',
    '',
    'A local Workfront instance: OAuth2, the REST API, /setup/oauth-apps and /__emulator.',
    'A flag wins over its environment variable, and both win over --profile. POST',
    '/__emulator/settings changes the settings while the emulator runs (a body with',
    'profileVersion replays a profile); POST /__emulator/reset returns to the values given here.',
    '',
    ...entries,
  ].join('\n');
}

interface ProfileStart {
  file: string;
  rotateRefreshToken?: boolean;
  /** What was not replayed, and which flags or variables won over the profile. */
  notes: string[];
}

type Configuration =
  | {
      ok: true;
      help: boolean;
      port: number;
      settings: Partial<Settings>;
      profile?: ProfileStart;
    }
  | { ok: false; message: string };

function readPort(text: string): number | undefined {
  const port = Number(text);
  return /^\d+$/.test(text) && port <= 65_535 ? port : undefined;
}

/** Reads an instance profile file; any problem refuses it whole. */
function readProfileFile(
  source: string,
  file: string,
):
  | { ok: true; settings: Partial<Settings>; profile: ProfileStart }
  | { ok: false; message: string } {
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `${source} ${file}: the file cannot be read (${reason(error)})` };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${source} ${file}: the file is not JSON (${reason(error)})` };
  }
  const result = readInstanceProfile(input);
  if (!result.ok) return { ok: false, message: `${source} ${file}: ${result.message}` };
  const { settings, rotateRefreshToken, notes } = result.replay;
  return {
    ok: true,
    settings,
    profile: {
      file,
      ...(rotateRefreshToken === undefined ? {} : { rotateRefreshToken }),
      notes: [...notes],
    },
  };
}

/**
 * Reads flags, then environment variables for the settings that no flag gave, over the profile
 * (--profile or WF_EMULATOR_PROFILE) if there is one, over the defaults.
 */
function configure(argv: string[], env: NodeJS.ProcessEnv): Configuration {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean' },
    port: { type: 'string' },
    profile: { type: 'string' },
  };
  for (const key of settingKeys) options[flagName(key)] = { type: 'string' };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const portText = typeof values.port === 'string' ? values.port : env.WF_EMULATOR_PORT;
  const port = portText === undefined ? defaultPort : readPort(portText);
  if (port === undefined) {
    return { ok: false, message: `--port must be a port number from 0 to 65535` };
  }
  const explicit: Partial<Settings> = {};
  const sources = new Map<keyof Settings, string>();
  for (const key of settingKeys) {
    const flag = values[flagName(key)];
    const text = typeof flag === 'string' ? flag : env[environmentName(key)];
    if (text === undefined) continue;
    const source = typeof flag === 'string' ? `--${flagName(key)}` : environmentName(key);
    const result = parseSettingText(key, text);
    if (!result.ok) return { ok: false, message: `${source}: ${result.message}` };
    Object.assign(explicit, result.patch);
    sources.set(key, source);
  }
  const help = values.help === true;
  // An empty variable, as CI writes an unset input, is no profile.
  const profileFile =
    typeof values.profile === 'string' ? values.profile : env.WF_EMULATOR_PROFILE || undefined;
  if (profileFile === undefined || help) return { ok: true, help, port, settings: explicit };
  const read = readProfileFile(
    typeof values.profile === 'string' ? '--profile' : 'WF_EMULATOR_PROFILE',
    profileFile,
  );
  if (!read.ok) return read;
  for (const [key, source] of sources) {
    const fromProfile = read.settings[key];
    if (fromProfile !== undefined && fromProfile !== explicit[key]) {
      read.profile.notes.push(
        `${source}=${String(explicit[key])} wins over the profile's ${key} (${String(fromProfile)})`,
      );
    }
  }
  return {
    ok: true,
    help,
    port,
    settings: { ...read.settings, ...explicit },
    profile: read.profile,
  };
}

function main(): void {
  const configuration = configure(process.argv.slice(2), process.env);
  if (!configuration.ok) {
    console.error(`${configuration.message}\nRun with --help for the options.`);
    process.exit(usageError);
  }
  if (configuration.help) {
    console.log(helpText());
    return;
  }
  const { port, settings, profile } = configuration;
  if (profile) {
    console.log(`Replaying the instance profile ${profile.file}`);
    for (const note of profile.notes) console.log(`  ${note}`);
  }
  const emulator = createEmulator({
    settings,
    ...(profile?.rotateRefreshToken === undefined
      ? {}
      : { demoApp: { rotateRefreshToken: profile.rotateRefreshToken } }),
  });
  const server = serve({ fetch: emulator.app.fetch, port, hostname: 'localhost' }, (info) => {
    console.log(`Workfront emulator listening on http://localhost:${info.port} (localhost only)`);
  }) as Server;
  // Node closes an idle connection after 5 s, browsers keep theirs for minutes. A request sent on
  // a connection just as the server closes it is sent again by Chromium, a token POST included,
  // so Workfront would see one refresh twice; Workfront's own servers keep connections far longer.
  server.keepAliveTimeout = 10 * 60_000;
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${port} is already in use: stop the other process or pass --port`
        : `The emulator could not listen on port ${port}: ${error.message}`,
    );
    process.exit(1);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
