import { describe, expect, it } from 'vitest';
import {
  allPages,
  maxPages,
  nextPageOffset,
  pageParams,
  pageSize,
  uniqueItems,
  type PageParams,
} from './paging';

const page = (from: number, length: number) =>
  Array.from({ length }, (_, index) => ({ id: `id-${from + index}` }));

/**
 * A server that answers the nth request with `answer`, and counts them. It refuses a request past
 * the cap, so that a pager without one fails here instead of hanging the test run.
 */
function serve(answer: (params: PageParams, request: number) => { id: string }[]) {
  const served = { requests: 0 };
  const fetchPage = (params: PageParams) => {
    served.requests += 1;
    if (served.requests > maxPages) return Promise.reject(new Error('asked past the cap'));
    return Promise.resolve(answer(params, served.requests));
  };
  return { served, fetchPage };
}

describe('pageParams', () => {
  it("asks for Workfront's largest page, 2000, from an offset", () => {
    expect(pageSize).toBe(2000);
    expect(pageParams(4000)).toEqual({ $$FIRST: 4000, $$LIMIT: 2000 });
  });
});

describe('nextPageOffset', () => {
  it.each([
    ['a full first page', 2000, [page(0, 2000)], 0],
    ['a full page after others', 4000, [page(0, 2000), page(2000, 2000)], 2000],
    ['a short page', undefined, [page(0, 1999)], 0],
    ['an empty page', undefined, [page(0, 2000), page(2000, 0)], 2000],
    ['a page longer than asked', undefined, [page(0, 2001)], 0],
    ['a page that repeats the one before', undefined, [page(0, 2000), page(0, 2000)], 2000],
    [
      'a later page that repeats the one before',
      undefined,
      [page(0, 2000), page(2000, 2000), page(2000, 2000)],
      4000,
    ],
  ] as const)('after %s is %s', (_, next, pages, offset) => {
    expect(nextPageOffset(pages, offset)).toBe(next);
  });

  it('goes on after a page that only overlaps the one before', () => {
    expect(nextPageOffset([page(0, 2000), page(1000, 2000)], 2000)).toBe(4000);
  });

  it('goes on up to the 50th page, and stops after it whatever the server sends', () => {
    const pages = Array.from({ length: 50 }, (_, index) => page(index * 2000, 2000));
    expect(maxPages).toBe(50);
    expect(nextPageOffset(pages.slice(0, 49), 96_000)).toBe(98_000);
    expect(nextPageOffset(pages, 98_000)).toBeUndefined();
  });
});

describe('uniqueItems', () => {
  it('keeps the first of each ID, in order', () => {
    const a = { id: 'a', n: 1 };
    const b = { id: 'b', n: 2 };
    expect(
      uniqueItems([
        [a, b],
        [
          { id: 'a', n: 3 },
          { id: 'c', n: 4 },
        ],
      ]),
    ).toEqual([a, b, { id: 'c', n: 4 }]);
  });
});

describe('allPages', () => {
  it('asks page after page with $$FIRST and $$LIMIT until a short one, and returns them in order', async () => {
    const asked: unknown[] = [];

    const items = await allPages((params) => {
      asked.push(params);
      return Promise.resolve(page(params.$$FIRST, params.$$FIRST < 4000 ? 2000 : 500));
    });

    expect(asked).toEqual([
      { $$FIRST: 0, $$LIMIT: 2000 },
      { $$FIRST: 2000, $$LIMIT: 2000 },
      { $$FIRST: 4000, $$LIMIT: 2000 },
    ]);
    expect(items).toEqual(page(0, 4500));
  });

  it('stops at the cap against a server that always sends a new full page', async () => {
    const { served, fetchPage } = serve((params) => page(params.$$FIRST, pageSize));

    const items = await allPages(fetchPage);

    expect(served.requests).toBe(maxPages);
    expect(items).toEqual(page(0, maxPages * pageSize));
  });

  it('stops at the cap against a server that alternates two pages, with each item once', async () => {
    const { served, fetchPage } = serve((_, request) =>
      page(request % 2 === 1 ? 0 : pageSize, pageSize),
    );

    const items = await allPages(fetchPage);

    expect(served.requests).toBe(maxPages);
    expect(items).toEqual(page(0, 2 * pageSize));
  });

  it('fails as the page it asks for fails', async () => {
    await expect(allPages(() => Promise.reject(new Error('HTTP 502')))).rejects.toThrow('HTTP 502');
  });
});
