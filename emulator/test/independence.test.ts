import { ESLint, Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => join(root, folder, file));
}

/** Every relative module a file's text imports, resolved to a path in the repository. */
function importsIn(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.flatMap((specifier) =>
    specifier ? [relative(root, resolve(dirname(file), specifier))] : [],
  );
}

/**
 * The one exception to the wall: src/'s tests (`*.test.ts`, and the harness that starts the real
 * stack) may start the emulator in process, from its server and its clock. Nothing else of it.
 */
const isTest = (file: string) =>
  /\.test\.tsx?$/.test(file) || relative(root, file) === 'src/auth/test/real-stack.ts';
const testMayImport = ['emulator/src/server.ts', 'emulator/src/clock.ts'];

/** The imports of the emulator that `file`, whose text is `text`, may not make. */
function crossingsOf(file: string, text?: string): string[] {
  return importsIn(file, text)
    .filter((target) => target.startsWith('emulator/'))
    .filter((target) => !(isTest(file) && testMayImport.includes(target)))
    .map((target) => `${relative(root, file)} -> ${target}`);
}

const startsTheEmulator = "import { createEmulator } from '../../../emulator/src/server.ts';\n";

describe('the emulator and the app', () => {
  it('the emulator imports nothing from the app', () => {
    const crossings = sourceFiles('emulator').flatMap((file) =>
      importsIn(file)
        .filter((target) => target.startsWith('src/'))
        .map((target) => `${relative(root, file)} -> ${target}`),
    );
    expect(crossings).toEqual([]);
  });

  it('the app imports nothing from the emulator; its tests only its server and clock', () => {
    expect(sourceFiles('src').flatMap((file) => crossingsOf(file))).toEqual([]);
  });

  it('this check fails for app code that imports the emulator, even its server', () => {
    const appFile = join(root, 'src/auth/vault/token-vault.ts');
    expect(crossingsOf(appFile, startsTheEmulator)).toEqual([
      'src/auth/vault/token-vault.ts -> emulator/src/server.ts',
    ]);
    const testFile = join(root, 'src/auth/vault/token-vault.test.ts');
    expect(crossingsOf(testFile, startsTheEmulator)).toEqual([]);
    const deeper = "import { paths } from '../../../emulator/src/http/endpoints.ts';\n";
    expect(crossingsOf(testFile, deeper)).toEqual([
      'src/auth/vault/token-vault.test.ts -> emulator/src/http/endpoints.ts',
    ]);
  });
});

// Loading eslint.config.js (typescript-eslint with it) takes seconds on a busy machine.
describe('ESLint’s wall (eslint.config.js)', { timeout: 30_000 }, () => {
  const eslint = new ESLint({ cwd: root });

  /** The messages of eslint.config.js's import rule for `file`, were it to contain `code`. */
  async function importRuleSays(file: string, code: string): Promise<string[]> {
    const config = (await eslint.calculateConfigForFile(join(root, file))) as {
      rules: Record<string, Linter.RuleEntry>;
    };
    const rule = config.rules['no-restricted-imports'];
    if (!rule) throw new Error(`no import rule for ${file}`);
    const messages = new Linter({ configType: 'flat' }).verify(
      code,
      [{ files: ['**/*.ts'], rules: { 'no-restricted-imports': rule } }],
      file,
    );
    return messages.map((message) => message.message);
  }

  it('refuses the emulator, even its server, to app code', async () => {
    for (const file of ['src/auth/vault/token-vault.ts', 'src/auth/test/vault-fixtures.ts']) {
      expect(await importRuleSays(file, startsTheEmulator)).toEqual([
        expect.stringContaining('The emulator is an outside party'),
      ]);
    }
  });

  it('lets a test under src/ start the emulator from its server and clock, and no more', async () => {
    for (const file of ['src/auth/vault/token-vault.test.ts', 'src/auth/test/real-stack.ts']) {
      const clock = "import { createClock } from '../../../emulator/src/clock.ts';\n";
      expect(await importRuleSays(file, startsTheEmulator + clock)).toEqual([]);
      const deeper = "import { paths } from '../../../emulator/src/http/endpoints.ts';\n";
      expect(await importRuleSays(file, deeper)).toEqual([
        expect.stringContaining('may start the emulator'),
      ]);
    }
  });
});
