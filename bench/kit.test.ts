import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatKit, kitFiles } from './kit';

/** docs/copy-the-integration.md's table: each file it lists, with its line count. */
function guideRows(): { file: string; lines: number }[] {
  const guide = readFileSync('docs/copy-the-integration.md', 'utf8');
  return [
    ...guide.matchAll(/^\| `(src\/[^`]+)`\s*\|\s*(\d+) \| (flow|hardening|inspector) /gm),
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
