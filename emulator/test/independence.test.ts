import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => join(root, folder, file));
}

/** Every relative module a file imports, resolved to a path in the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.flatMap((specifier) =>
    specifier ? [relative(root, resolve(dirname(file), specifier))] : [],
  );
}

describe('the emulator and the app', () => {
  it('the emulator imports nothing from the app', () => {
    const crossings = sourceFiles('emulator').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/'))
        .map((target) => `${relative(root, file)} -> ${target}`),
    );
    expect(crossings).toEqual([]);
  });

  it('the app imports nothing from the emulator', () => {
    const crossings = sourceFiles('src').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('emulator/'))
        .map((target) => `${relative(root, file)} -> ${target}`),
    );
    expect(crossings).toEqual([]);
  });
});
