import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCallbackUrl } from './callback-url';

const hexDigit = fc.constantFrom(...Array.from('0123456789abcdef'));
const callback = 'http://localhost:4173/callback';
const values = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ minLength: 2_000, maxLength: 5_000 }),
);
const pendingIds = fc.array(fc.string({ unit: hexDigit, minLength: 32, maxLength: 32 }), {
  maxLength: 3,
});

function query(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString();
}

describe('checkCallbackUrl, for any redirect back', () => {
  it('never throws on any query string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), pendingIds, (search, pending) => {
        expect(() => checkCallbackUrl(`${callback}?${search}`, pending)).not.toThrow();
      }),
    );
  });

  it('refuses a code, state or error given twice', () => {
    const name = fc.constantFrom('code', 'state', 'error');
    fc.assert(
      fc.property(name, values, values, pendingIds, (twice, first, second, pending) => {
        const pairs: [string, string][] = [
          ['code', 'c'],
          [twice, first],
          [twice, second],
        ];
        expect(checkCallbackUrl(`${callback}?${query(pairs)}`, pending)).toEqual({
          ok: false,
          problem: 'duplicated-parameter',
        });
      }),
    );
  });

  it('is no callback without a code or an error', () => {
    const other = fc.constantFrom('state', 'domain', 'lane', 'Code', 'ERROR', 'code ');
    fc.assert(
      fc.property(fc.array(fc.tuple(other, values)), pendingIds, (pairs, pending) => {
        expect(checkCallbackUrl(`${callback}?${query(pairs)}`, pending)).toEqual({
          ok: false,
          problem: 'not-a-callback',
        });
      }),
    );
  });

  it('passes on a given state unchanged, and supplies only the one pending state', () => {
    fc.assert(
      fc.property(
        fc.option(values, { nil: undefined }),
        values,
        pendingIds,
        (state, code, pending) => {
          const pairs: [string, string][] = [['code', code]];
          if (state !== undefined) pairs.push(['state', state]);
          const result = checkCallbackUrl(`${callback}?${query(pairs)}`, pending);
          if (!result.ok) {
            expect(state === undefined || state === '').toBe(true);
            expect(pending.length === 1).toBe(false);
            return;
          }
          const states = new URL(result.url).searchParams.getAll('state');
          expect(states).toHaveLength(1);
          expect(states[0]).toBe(state || pending[0]);
          if (!state) expect(pending).toHaveLength(1);
        },
      ),
    );
  });
});
