import { beforeAll, describe, expect, it } from 'vitest';
import { measureBundles, pageBudgets, type BundleFigures } from './bundles';

/**
 * The bundle budgets, read from the build output (npm test builds first). Sizes are gzip bytes,
 * compared as ratios against the floor app built from the same library versions.
 */
let figures: BundleFigures;
beforeAll(() => {
  figures = measureBundles();
});

/** Why each library chunk is the size it is, and the most it may weigh. */
const libraryBudgets: Record<string, { maxGzip: number; why: string }> = {
  react: { maxGzip: 70_000, why: 'react-dom: every page needs it' },
  'react-router': {
    maxGzip: 32_000,
    why: 'the data router: every page but the signed-out start page, which paints without it',
  },
  'vault-worker': {
    maxGzip: 19_000,
    why: 'the token vault and oidc-client-ts (PKCE, state, code exchange, refresh), in their worker; no page loads them',
  },
  'tanstack-query': { maxGzip: 12_000, why: 'the query cache; loaded once signed in' },
  valibot: { maxGzip: 4_000, why: 'the schemas that check Workfront data' },
};
/** Any chunk of our own code: a screen, a feature, the entry. */
const appChunkMaxGzip = 10_000;

describe('bundle budgets', () => {
  it(`keeps the landing page's initial JS at most ${pageBudgets.landing} of the floor's`, () => {
    expect(figures.landing.js.gzip / figures.floor.js.gzip).toBeLessThanOrEqual(
      pageBudgets.landing,
    );
  });

  it(`keeps /work's JS, the token vault's worker included, at most ${pageBudgets.work} of the floor's`, () => {
    expect(figures.work.js.gzip / figures.floor.js.gzip).toBeLessThanOrEqual(pageBudgets.work);
  });

  it('loads no sign-in or data library on the signed-out landing page', () => {
    const names = figures.chunks
      .filter((chunk) => figures.landing.files.includes(chunk.file))
      .map((chunk) => chunk.name);
    expect(names).not.toContain('vault-worker');
    expect(figures.landing.files.some((file) => file.includes('oidc-client-ts'))).toBe(false);
    expect(names).not.toContain('tanstack-query');
    expect(names).not.toContain('valibot');
    expect(names).not.toContain('react-router');
  });

  it('keeps every chunk within its budget', () => {
    for (const chunk of figures.chunks) {
      const budget = libraryBudgets[chunk.name]?.maxGzip ?? appChunkMaxGzip;
      expect(chunk.size.gzip, `${chunk.name} (${chunk.file})`).toBeLessThanOrEqual(budget);
    }
  });
});
