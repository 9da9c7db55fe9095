import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/*
 * Module boundaries (docs/architecture.md): src/auth alone touches oidc-client-ts and tokens;
 * src/workfront alone knows the wire format; feature folders do not import one another; the
 * emulator is an outside party and shares nothing with src/, whose tests alone may start it in
 * process (toEmulatorFromTests, below; emulator/test/independence.test.ts
 * checks that side, where relative paths cannot tell the two src folders apart). Within src/, only
 * src/inspector (its "what if" buttons) drives the emulator's control API, through
 * src/inspector/emulator-control.ts, which imports nothing from src/: e2e/ and bench/ use it too.
 */
const features = ['landing', 'callback', 'work', 'projects', 'profile', 'inspector'];
const forbid = (patterns, message) => ({ group: patterns, message });
const outsideAuth = forbid(['oidc-client-ts'], 'Only src/auth may use oidc-client-ts.');
const toEmulator = forbid(['**/emulator/**'], 'The emulator is an outside party: share no code.');
/**
 * The one exception: the tests under src/ (its `.test.ts` files, and the harness that starts
 * the real stack, src/auth/test/real-stack.ts) run against the emulator in process, and may import
 * its server and its clock, nothing else of it. App code still may not.
 */
const srcTests = ['src/**/*.test.{ts,tsx}', 'src/auth/test/real-stack.ts'];
const toEmulatorFromTests = forbid(
  // A file in a folder left out cannot be let in: its folder is let in, and all else in it out.
  [
    '**/emulator/**',
    '!**/emulator/src/',
    '**/emulator/src/*',
    '!**/emulator/src/server.ts',
    '!**/emulator/src/clock.ts',
  ],
  'A test under src/ may start the emulator (emulator/src/server.ts, and its clock) and import nothing else of it; app code may not import it at all.',
);
const toFeatures = forbid(
  features.flatMap((feature) => [`../${feature}`, `../${feature}/*`]),
  'Shared code may not depend on a feature.',
);
const toApp = forbid(['../app', '../app/*'], 'Only src/main.tsx and src/app use the app shell.');
/** src/auth's public surface is its index.ts (and, for tests, its fakes in test/). */
const deepIntoAuth = forbid(
  ['../auth/*', './auth/*', '!../auth/test'],
  'Outside src/auth, import only its public surface, src/auth/index.ts (tests: its fakes in src/auth/test).',
);
/**
 * src/workfront's public surface: its index.ts, and the query modules of the screens that load
 * later (and the inspector's check), each imported by its screen so that it loads with it.
 */
const workfrontEntries = ['projects', 'work-item-detail', 'instance-check', 'instance-profile'];
const deepIntoWorkfront = forbid(
  ['../workfront/*', ...[...workfrontEntries, 'test'].map((entry) => `!../workfront/${entry}`)],
  `Outside src/workfront, import its index.ts, or one of ${workfrontEntries.join(', ')}.`,
);
const toEmulatorControl = forbid(
  ['../inspector/emulator-control'],
  'Only src/inspector may drive the emulator’s control API (src/inspector/emulator-control.ts).',
);
const fromEmulatorControl = forbid(
  ['./*', '../*', '../*/**'],
  'src/inspector/emulator-control.ts imports nothing from src/: e2e/ and bench/ use it too.',
);
/**
 * The minimal app (examples/minimal) stands on the kit alone: src/auth's surface, the Workfront
 * client and its errors, and the configuration (docs/copy-the-integration.md).
 */
const kitSurfaces = [
  'config/app-config',
  'workfront/workfront-client',
  'workfront/workfront-errors',
];
const beyondTheKit = forbid(
  [
    ...['*', 'auth/*', 'config/*', 'workfront/*'].map((path) => `../../src/${path}`),
    ...['auth', 'config', 'workfront', ...kitSurfaces].map((path) => `!../../src/${path}`),
  ],
  `The minimal app imports only the kit: src/auth (its index.ts), ${kitSurfaces.map((path) => `src/${path}`).join(', ')}.`,
);
const onlyTheVault = forbid(['oidc-client-ts'], 'Only src/auth/vault uses oidc-client-ts.');
const intoTheVault = forbid(
  ['../vault/*', '!../vault/vault-worker.ts?worker&url'],
  'The page talks to the vault in vault-protocol.ts’s messages; it imports only its script’s URL.',
);
const intoThePage = forbid(['../page/*'], 'The vault imports nothing of the page’s side.');
const fromTheMiddle = forbid(
  ['./page/*', './vault/*'],
  'What both sides share imports neither side (src/auth/index.ts alone gathers the page’s).',
);
const restrictImports = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
/**
 * The imports `patterns` forbid in `files`. Where they forbid the emulator in src/, its tests get
 * the same rule with toEmulatorFromTests in its place (a nested `files` array matches a file that
 * every pattern in it matches).
 */
const boundaries = (files, patterns, ignores = []) => {
  if (!patterns.includes(toEmulator) || !files.every((file) => file.startsWith('src/'))) {
    return { files, ignores, rules: restrictImports(patterns) };
  }
  return [
    { files, ignores: [...ignores, ...srcTests], rules: restrictImports(patterns) },
    {
      files: files.flatMap((file) => srcTests.map((test) => [file, test])),
      ignores,
      rules: restrictImports(
        patterns.map((pattern) => (pattern === toEmulator ? toEmulatorFromTests : pattern)),
      ),
    },
  ];
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-minimal',
      'test-results',
      'playwright-report',
      'bench/floor/dist',
      'bench/.out',
    ],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: globals.browser },
  },
  boundaries(
    ['src/**/*.{ts,tsx}'],
    [outsideAuth, toEmulator, toEmulatorControl, deepIntoAuth, deepIntoWorkfront],
  ),
  boundaries(['src/auth/**/*.{ts,tsx}'], [toEmulator, toFeatures, toApp, toEmulatorControl]),
  // The page's side and the vault's side meet only in the files at src/auth's root, the protocol
  // first: the page starts the vault by its script's URL, and only the vault uses oidc-client-ts.
  boundaries(
    ['src/auth/page/**/*.{ts,tsx}'],
    [toEmulator, toFeatures, toApp, toEmulatorControl, onlyTheVault, intoTheVault],
  ),
  boundaries(
    ['src/auth/vault/**/*.ts'],
    [toEmulator, toFeatures, toApp, toEmulatorControl, intoThePage],
  ),
  boundaries(
    ['src/auth/*.{ts,tsx}'],
    [toEmulator, toFeatures, toApp, toEmulatorControl, onlyTheVault, fromTheMiddle],
    ['src/auth/index.ts'],
  ),
  boundaries(
    ['src/{workfront,config,components}/**/*.{ts,tsx}'],
    [
      outsideAuth,
      toEmulator,
      toFeatures,
      toApp,
      toEmulatorControl,
      deepIntoWorkfront,
      forbid(
        ['../auth', '../auth/*'],
        'Shared code gets tokens through interfaces, not from src/auth.',
      ),
    ],
  ),
  ...features.map((feature) =>
    boundaries(
      [`src/${feature}/**/*.{ts,tsx}`],
      [
        outsideAuth,
        toEmulator,
        toApp,
        deepIntoAuth,
        deepIntoWorkfront,
        toEmulatorControl,
        forbid(
          features
            .filter((other) => other !== feature)
            .flatMap((other) => [`../${other}`, `../${other}/*`]),
          'Features do not import one another; move shared code to src/components.',
        ),
      ],
    ),
  ),
  boundaries(['src/inspector/emulator-control.ts'], [outsideAuth, toEmulator, fromEmulatorControl]),
  {
    files: ['examples/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: globals.browser },
  },
  boundaries(['examples/**/*.tsx'], [outsideAuth, toEmulator, beyondTheKit]),
  {
    files: ['emulator/**/*.{ts,tsx}', 'e2e/**/*.ts', '*.config.ts', 'examples/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring, even an empty one.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
