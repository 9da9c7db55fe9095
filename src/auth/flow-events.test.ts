import { describe, expect, it } from 'vitest';
import { maskCode } from './flow-events';

describe('maskCode', () => {
  it('shows only the first and last four characters of a code', () => {
    expect(maskCode('abcd1234efgh5678')).toBe('abcd…5678');
    expect(maskCode('123456789')).toBe('1234…6789');
  });

  it('shows nothing of a code of eight characters or fewer', () => {
    expect(maskCode('12345678')).toBe('••••');
    expect(maskCode('abc')).toBe('••••');
    expect(maskCode('')).toBe('••••');
  });
});
