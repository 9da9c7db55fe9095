import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allPages, maxPages, pageSize } from './paging';
import { pageAsServed, pagingBehaviours, type PagingBehaviour } from './test/test-support';

/** Any length of list up to five pages, and often a whole number of pages or one off it. */
const counts = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, 0, 1))
    .map(([pages, off]) => Math.max(0, pages * pageSize + off)),
);
const behaviours = fc.constantFrom(...pagingBehaviours);
/** Where the rules change, tried on every run besides the random counts. */
const edges = [0, 1, pageSize - 1, pageSize, pageSize + 1, 2 * pageSize, 5 * pageSize];
const edgeExamples = { examples: edges.map((count): [number] => [count]) };

/**
 * Pages through `count` items served as an instance with `paging` would serve them. Asking past
 * the cap throws: a pager that loops fails the property instead of hanging the test run.
 */
async function pageThrough(paging: PagingBehaviour, count: number) {
  const items = Array.from({ length: count }, (_, index) => ({ id: `item-${index}` }));
  let requests = 0;
  const result = await allPages((params) => {
    requests += 1;
    if (requests > maxPages) throw new Error(`request ${requests}, past the cap of ${maxPages}`);
    return Promise.resolve(pageAsServed(items, paging, params.$$FIRST, params.$$LIMIT));
  });
  return { ids: items.map((item) => item.id), result: result.map((item) => item.id), requests };
}

describe('allPages, against every paging behaviour the emulator offers', () => {
  it('ends within the cap, and returns only items of the list, none twice', async () => {
    await fc.assert(
      fc.asyncProperty(behaviours, counts, async (paging, count) => {
        const { ids, result } = await pageThrough(paging, count);
        expect(new Set(result).size).toBe(result.length);
        const listed = new Set(ids);
        expect(result.every((id) => listed.has(id))).toBe(true);
      }),
      {
        examples: pagingBehaviours.flatMap((paging) =>
          edges.map((count): [PagingBehaviour, number] => [paging, count]),
        ),
      },
    );
  });

  it('returns every item once, in order, with one request per full page and one more, when paging is honoured', async () => {
    await fc.assert(
      fc.asyncProperty(counts, async (count) => {
        const { ids, result, requests } = await pageThrough('honoured', count);
        expect(result).toEqual(ids);
        expect(requests).toBe(Math.floor(count / pageSize) + 1);
      }),
      edgeExamples,
    );
  });

  it('returns every item from one request when $$FIRST and $$LIMIT are ignored, two when they fill a page', async () => {
    await fc.assert(
      fc.asyncProperty(counts, async (count) => {
        const { ids, result, requests } = await pageThrough('ignored', count);
        expect(result).toEqual(ids);
        expect(requests).toBe(count === pageSize ? 2 : 1);
      }),
      edgeExamples,
    );
  });

  it('returns the first page from one request when only $$LIMIT is honoured, two when it is full', async () => {
    await fc.assert(
      fc.asyncProperty(counts, async (count) => {
        const { ids, result, requests } = await pageThrough('limit-only', count);
        expect(result).toEqual(ids.slice(0, pageSize));
        expect(requests).toBe(count >= pageSize ? 2 : 1);
      }),
      edgeExamples,
    );
  });
});
