import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const origin = 'http://localhost:4173';

describe('safeReturnPath', () => {
  it.each([
    ['/work', '/work'],
    ['/work/task/abc?tab=notes#n1', '/work/task/abc?tab=notes#n1'],
    ['/projects/%E4%B8%AD', '/projects/%E4%B8%AD'],
    ['/a/../me', '/me'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnPath(input, origin)).toBe(expected);
  });

  it.each([
    '//evil.example',
    '//evil.example/work',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    'https://evil.example/work',
    'http://localhost:4173/work',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    'work',
    '',
    ' /work',
  ])('refuses %j', (input) => {
    expect(safeReturnPath(input, origin)).toBe('/work');
  });

  it.each([
    '/..//evil.example',
    '/./\\evil.example',
    '/a/../..//evil.example',
    '/%2e%2e//evil.example',
  ])('refuses %s, whose dot segments resolve to a protocol-relative path', (candidate) => {
    expect(safeReturnPath(candidate, 'http://localhost:4173')).toBe('/work');
  });

  it('keeps an encoded double slash as a harmless local path', () => {
    const result = safeReturnPath('/%2F%2Fevil.example', origin);
    expect(result).toBe('/%2F%2Fevil.example');
    expect(new URL(result, origin).origin).toBe(origin);
  });

  it('refuses values that are not strings', () => {
    expect(safeReturnPath(undefined, origin)).toBe('/work');
    expect(safeReturnPath(42, origin, '/')).toBe('/');
    expect(safeReturnPath(['/work'], origin)).toBe('/work');
  });
});
