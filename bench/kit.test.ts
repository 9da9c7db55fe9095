import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatKit, kitFiles, minimalApp } from './kit';

/** docs/copy-the-integration.md's table: each file it lists, with its line count. */
function guideRows(): { file: string; lines: number }[] {
  const guide = readFileSync('docs/copy-the-integration.md', 'utf8');
  return [
    ...guide.matchAll(/^\| `(src\/[^`]+)`\s*\|\s*(\d+) \| (flow|hardening|observer) /gm),
  ].map(([, file, lines]) => ({ file: file ?? '', lines: Number(lines) }));
}

describe('the integration a developer copies', () => {
  const files = kitFiles();

  it('is found from its roots, and none of it is the app around it', () => {
    console.log(formatKit(files));
    expect(files.map(({ file }) => file)).toContain('src/auth/vault/token-vault.ts');
    expect(files.every(({ file }) => /^src\/(auth|workfront|config)\//.test(file))).toBe(true);
    expect(files.some(({ file }) => /\.test\.tsx?$/.test(file))).toBe(false);
  });

  it('is listed in docs/copy-the-integration.md, file by file, with true line counts', () => {
    const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
    expect(guideRows().sort(byFile)).toEqual([...files].sort(byFile));
  });
});

describe('the kit stands alone', () => {
  it('type-checks with the minimal app and nothing of the app around it (tsconfig.kit.json)', () => {
    // What TypeScript reaches from the minimal app's entry and the two documents of the kit.
    const listed = execFileSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.kit.json', '--listFilesOnly'],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((file) => relative(process.cwd(), file))
      .filter((file) => !file.split('/').includes('node_modules'));
    expect(listed).toContain(minimalApp);
    expect(listed).toContain('src/auth/vault/token-vault.ts');
    expect(
      listed.filter((file) => !/^(src\/(auth|workfront|config)|examples\/minimal)\//.test(file)),
    ).toEqual([]);
    // The kit that bench/kit.ts finds is the same set of files.
    expect(listed.filter((file) => file.startsWith('src/')).sort()).toEqual(
      kitFiles()
        .map(({ file }) => file)
        .sort(),
    );
  }, 60_000);

  it('is type-checked by npm run typecheck (tsc -b builds every reference)', () => {
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.typecheck).toBe('tsc -b');
    expect(readFileSync('tsconfig.json', 'utf8')).toContain('{ "path": "./tsconfig.kit.json" }');
  });
});
