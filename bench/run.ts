import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { findBenchChromium, withChromium } from './browser';
import { buildAll, outDirs } from './builds';
import { runEmulatorFigures } from './emulator-figures';
import { measureBundles } from './bundles';
import { formatKit, kitFiles } from './kit';
import { benchRefresh } from './refresh';
import { checkTargets, formatReport, type BenchResults } from './report';
import { benchPageMetrics } from './page-metrics';
import { benchScale } from './scale';
import { findBenchNginx, startApp, startEmulator, type AppServer, type Server } from './servers';
import { benchSignInPath } from './sign-in-path';
import { round } from './stats';

/**
 * npm run bench: builds the app and the floor, measures the bundles, then signs in with Chromium
 * against the production build behind nginx (deploy/nginx.ts, as the e2e suite serves it) and an
 * emulator on the bench's own ports, and prints the figures against the targets of issues 7 and
 * 13. Writes them to bench/results.json.
 */
const resultsPath = 'bench/results.json';
const step = (what: string) => {
  console.log(`› ${what}`);
};

async function main(): Promise<void> {
  // Other work on the machine shows in every timing: the figures say how busy it was.
  const loadAverageAtStart = round(loadavg()[0] ?? 0, 2);
  const executablePath = findBenchChromium();
  console.log(`Using Chromium at ${executablePath}`);
  const nginx = findBenchNginx();
  console.log(`Using ${nginx.software} at ${nginx.path}`);

  step('Building the app, the app with bench hooks, and the floor');
  buildAll();
  const bundle = measureBundles(outDirs.app, outDirs.floor);
  // What a developer copies (docs/copy-the-integration.md): its files and lines.
  console.log(formatKit(kitFiles()));

  const servers = new Set<Server>();
  const start = async <S extends Server>(starting: Promise<S>) => {
    const server = await starting;
    servers.add(server);
    return server;
  };
  const stop = async (server: Server) => {
    servers.delete(server);
    await server.stop();
  };
  try {
    await start(startEmulator());
    const app: AppServer = await start(startApp(outDirs.app));
    let chromium = '';

    step('Sign-in path');
    const signInPath = await withChromium(executablePath, {}, (browser) => {
      chromium = browser.version();
      return benchSignInPath(browser);
    });

    step('Page load: LCP, CLS, TBT of the landing page and My work');
    const pageMetrics = await withChromium(executablePath, {}, (browser) =>
      benchPageMetrics(browser),
    );

    step('Scale, and a static page scrolled the same way');
    const scale = await withChromium(executablePath, { uncappedFrames: true }, (browser) =>
      benchScale(browser, outDirs.app),
    );

    step('Refresh: one simulated hour');
    await stop(app);
    await start(startApp(outDirs.appWithHooks));
    const refresh = await withChromium(executablePath, {}, (browser) => benchRefresh(browser));
    await Promise.all([...servers].map(stop));

    step('Emulator');
    const emulator = await runEmulatorFigures();

    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        cores: cpus().length,
        node: process.versions.node,
        chromium,
        loadAverage: loadAverageAtStart,
      },
      server: { software: app.software, configuredBy: 'deploy/nginx.ts' },
      bundle,
      signInPath,
      pageMetrics,
      refresh,
      scale,
      emulator,
    };
    const checks = checkTargets(results);
    writeFileSync(resultsPath, `${JSON.stringify({ ...results, targets: checks }, null, 2)}\n`);
    console.log(`\n${formatReport(results, checks)}\n\nWritten to ${resultsPath}`);
  } finally {
    await Promise.all([...servers].map(stop));
  }
}

// A crash is the only failing exit: the targets are printed, not enforced.
await main().catch((error: unknown) => {
  console.error('The bench failed:', error);
  process.exitCode = 1;
});
