import { describe, expect, it } from 'vitest';
import { VaultError, type VaultFailure } from './vault-protocol';

describe('VaultError', () => {
  it('is an Error that carries its failure as it came', () => {
    const failure: VaultFailure = { kind: 'refused', detail: 'connect first' };
    const error = new VaultError(failure);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('VaultError');
    expect(error.message).toBe('The token vault answered: refused');
    expect(error.failure).toBe(failure);
  });

  it.each<VaultFailure>([
    { kind: 'bounce' },
    { kind: 'signed-out' },
    { kind: 'cancelled' },
    { kind: 'network', detail: 'TypeError: Failed to fetch' },
    {
      kind: 'problem',
      problem: { kind: 'token-error', error: 'temporarily_unavailable', description: null },
      afterBounce: false,
      endsSession: false,
      retryAfterMs: 3000,
    },
  ])('keeps a $kind failure as data that crosses postMessage unchanged', (failure) => {
    const error = new VaultError(failure);
    expect(structuredClone(error.failure)).toEqual(failure);
    expect(error.message).toContain(failure.kind);
  });
});
