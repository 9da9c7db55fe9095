import { describe, expect, it } from 'vitest';
import { chainDepths, type Exchange } from './round-trips';

const exchange = (start: number, end: number | undefined, fromCache = false): Exchange => ({
  url: `http://localhost/${start}`,
  start,
  end,
  fromCache,
});

describe('chainDepths', () => {
  it('counts requests one after the other as one round trip each', () => {
    expect(chainDepths([exchange(0, 10), exchange(10, 20), exchange(21, 30)])).toEqual([1, 2, 3]);
  });

  it('gives requests in flight together the same depth', () => {
    expect(
      chainDepths([exchange(0, 10), exchange(11, 20), exchange(12, 25), exchange(26, 30)]),
    ).toEqual([1, 2, 2, 3]);
  });

  it('adds nothing for an answer from the cache, but keeps the chain through it', () => {
    expect(chainDepths([exchange(0, 10), exchange(11, 11, true), exchange(12, 20)])).toEqual([
      1, 1, 2,
    ]);
  });

  it('ignores a request that never ended, and keeps the input order', () => {
    expect(chainDepths([exchange(5, 9), exchange(0, undefined), exchange(10, 12)])).toEqual([
      1, 1, 2,
    ]);
  });
});
