import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { parseArgs, type ParseArgsConfig } from 'node:util';
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
    'A flag wins over its environment variable. POST /__emulator/settings changes the settings',
    'while the emulator runs; POST /__emulator/reset returns to the values given here.',
    '',
    ...entries,
  ].join('\n');
}

type Configuration =
  | { ok: true; help: boolean; port: number; settings: Partial<Settings> }
  | { ok: false; message: string };

function readPort(text: string): number | undefined {
  const port = Number(text);
  return /^\d+$/.test(text) && port <= 65_535 ? port : undefined;
}

/** Reads flags, then environment variables for the settings that no flag gave. */
function configure(argv: string[], env: NodeJS.ProcessEnv): Configuration {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean' },
    port: { type: 'string' },
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
  const settings: Partial<Settings> = {};
  for (const key of settingKeys) {
    const flag = values[flagName(key)];
    const text = typeof flag === 'string' ? flag : env[environmentName(key)];
    if (text === undefined) continue;
    const result = parseSettingText(key, text);
    if (!result.ok) {
      const source = typeof flag === 'string' ? `--${flagName(key)}` : environmentName(key);
      return { ok: false, message: `${source}: ${result.message}` };
    }
    Object.assign(settings, result.patch);
  }
  return { ok: true, help: values.help === true, port, settings };
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
  const { port, settings } = configuration;
  const emulator = createEmulator({ settings });
  const server = serve({ fetch: emulator.app.fetch, port, hostname: 'localhost' }, (info) => {
    console.log(`Workfront emulator listening on http://localhost:${info.port} (localhost only)`);
  }) as Server;
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
