import { describe, expect, it } from 'vitest';
import { interpolate, locales, preferredLocale, type Catalog } from './catalog';

/** Every catalog: each export of a `*messages.ts` module in src/. */
const catalogs = Object.fromEntries(
  Object.entries(
    import.meta.glob<Record<string, Catalog<Record<string, string>>>>('../**/*messages.ts', {
      eager: true,
    }),
  ).flatMap(([file, exports]) =>
    Object.entries(exports).map(([name, catalog]) => [`${file} ${name}`, catalog] as const),
  ),
);

const placeholdersOf = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('are found', () => {
    expect(Object.keys(catalogs).length).toBeGreaterThan(5);
  });

  for (const [file, catalog] of Object.entries(catalogs)) {
    describe(file, () => {
      const englishKeys = Object.keys(catalog.en).sort();

      it.each(locales.filter((locale) => locale !== 'en'))(
        '%s has the same keys as English',
        (locale) => {
          expect(Object.keys(catalog[locale]).sort()).toEqual(englishKeys);
        },
      );

      it.each(locales.filter((locale) => locale !== 'en'))(
        '%s has the same placeholders as English',
        (locale) => {
          for (const key of englishKeys) {
            expect(placeholdersOf(catalog[locale][key] ?? ''), key).toEqual(
              placeholdersOf(catalog.en[key] ?? ''),
            );
          }
        },
      );

      it.each(locales)('%s has no empty message', (locale) => {
        for (const [key, message] of Object.entries(catalog[locale])) {
          expect(message.trim(), key).not.toBe('');
        }
      });
    });
  }
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{count} of {total}', { count: 3, total: 10 })).toBe('3 of 10');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });
});

describe('preferredLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('picks a locale for %j', (languages, locale) => {
    expect(preferredLocale(languages)).toBe(locale);
  });
});
