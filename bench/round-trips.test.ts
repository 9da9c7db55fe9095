import { describe, expect, it } from 'vitest';
import {
  chainDepths,
  chunkName,
  criticalPath,
  describeHop,
  type Exchange,
  type HopFacts,
} from './round-trips';

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

describe('criticalPath', () => {
  it('follows each exchange back to the one that ended last before it started', () => {
    const exchanges = [
      exchange(0, 10), // 0: depth 1
      exchange(11, 20), // 1: depth 2, ends first
      exchange(12, 25), // 2: depth 2, ends last: what 3 waited for
      exchange(26, 30), // 3: depth 3
    ];
    const depths = chainDepths(exchanges);
    expect(criticalPath(exchanges, depths, 3)).toEqual([0, 2, 3]);
  });

  it('goes through an answer from the cache, at the depth of what came before it', () => {
    const exchanges = [exchange(0, 10), exchange(11, 11, true), exchange(12, 20)];
    const depths = chainDepths(exchanges);
    expect(depths).toEqual([1, 1, 2]);
    expect(criticalPath(exchanges, depths, 2)).toEqual([0, 1, 2]);
  });

  it('leaves out what was still in flight, and ends at the first hop', () => {
    const exchanges = [exchange(0, undefined), exchange(1, 5), exchange(6, 9)];
    expect(criticalPath(exchanges, chainDepths(exchanges), 2)).toEqual([1, 2]);
  });

  it('never loops on answers from the cache at the same instant', () => {
    const exchanges = [exchange(5, 5, true), exchange(5, 5, true), exchange(6, 9)];
    const path = criticalPath(exchanges, chainDepths(exchanges), 2);
    expect(path.at(-1)).toBe(2);
    expect(new Set(path).size).toBe(path.length);
  });
});

describe('describeHop', () => {
  const hop = (url: string, rest: Partial<HopFacts> = {}): HopFacts => ({
    url,
    method: 'GET',
    type: 'Script',
    source: 'page',
    status: 200,
    ...rest,
  });

  it('names the sign-in hops', () => {
    expect(
      describeHop(
        hop('http://localhost:8797/integrations/oauth2/authorize?client_id=a', {
          type: 'Document',
          status: 302,
        }),
      ),
    ).toMatch(/^authorize: .*redirect/);
    expect(describeHop(hop('http://localhost:4183/callback?code=1', { type: 'Document' }))).toMatch(
      /^the callback document/,
    );
    expect(
      describeHop(
        hop('http://localhost:8797/integrations/oauth2/api/v1/token', {
          method: 'POST',
          type: 'Fetch',
          source: 'worker',
        }),
      ),
    ).toMatch(/^token: the code exchange, sent by the vault/);
    expect(
      describeHop(
        hop('http://localhost:4183/attask/api/v20.0/work/myWork?fields=x', { type: 'Fetch' }),
      ),
    ).toMatch(/^work\/myWork/);
    expect(describeHop(hop('http://localhost:4183/config.json', { type: 'Fetch' }))).toMatch(
      /^config\.json/,
    );
  });

  it('names a chunk by its name without the hash, and says what it is for where known', () => {
    expect(describeHop(hop('http://localhost:4183/assets/vault-worker-DrXvPPq5.js'))).toMatch(
      /^vault-worker\.js: the token vault/,
    );
    expect(describeHop(hop('http://localhost:4183/assets/some-new-chunk-AbCd_123.js'))).toBe(
      'some-new-chunk.js: code that the next step imports',
    );
  });

  it('says what any other API call is', () => {
    expect(
      describeHop(
        hop('http://localhost:4183/attask/api/v20.0/user/search?ID=1', { type: 'Fetch' }),
      ),
    ).toBe('user/search: a Workfront API call');
  });
});

describe('chunkName', () => {
  it('strips the hash of a built asset', () => {
    expect(chunkName('/assets/my-work-page-DuiGJumS.js')).toBe('my-work-page');
    expect(chunkName('/assets/rolldown-runtime-WkwZ5CU-.js')).toBe('rolldown-runtime');
    expect(chunkName('/assets/index-vFUxUF73.css')).toBe('index');
    expect(chunkName('/config.json')).toBeUndefined();
  });
});
