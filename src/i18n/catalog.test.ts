import { describe, expect, it } from 'vitest';
import {
  interpolate,
  locales,
  preferredLocale,
  type AnyCatalog,
  type Translation,
} from './catalog';

/** Every catalog: each export of a `*messages.ts` module in src/, by its file. */
const catalogs = Object.entries(
  import.meta.glob<Record<string, AnyCatalog>>('../**/*messages.ts', { eager: true }),
).flatMap(([file, exports]) =>
  Object.entries(exports).map(([name, catalog]) => ({ file, name, catalog })),
);

/** Every translation file, by its path: `<catalog file>.<locale>.ts`. */
const translations = import.meta.glob<Translation<AnyCatalog>>(
  ['../**/*messages.*.ts', '!**/*.test.ts'],
  { eager: true, import: 'default' },
);

const translated = locales.filter((locale) => locale !== 'en');

const placeholdersOf = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('are found', () => {
    expect(catalogs.length).toBeGreaterThan(5);
  });

  it('are one a file, with the id of their file', () => {
    for (const { file, name, catalog } of catalogs) {
      expect(catalog.id, `${file} ${name}`).toBe(file.replace(/^\.\.\/(.*)\.ts$/, '$1'));
    }
  });

  it('each translation file translates the catalog beside it', () => {
    const catalogFiles = catalogs.map(({ file }) => file);
    for (const file of Object.keys(translations)) {
      const [, catalogFile, locale] = /^(.*)\.([\w-]+)\.ts$/.exec(file) ?? [];
      expect(catalogFiles, file).toContain(`${catalogFile ?? ''}.ts`);
      expect(translated, file).toContainEqual(locale);
    }
  });

  it('are all translated in the chunk that loads Simplified Chinese', async () => {
    const { default: chunk } = await import('./zh-CN');
    expect(chunk.map(({ id }) => id).sort()).toEqual(
      catalogs.map(({ catalog }) => catalog.id).sort(),
    );
  });

  for (const { file, name, catalog } of catalogs) {
    describe(`${file} ${name}`, () => {
      const englishKeys = Object.keys(catalog.en).sort();
      const translation = (locale: string) =>
        translations[file.replace(/\.ts$/, `.${locale}.ts`)] ?? { id: '', messages: {} };

      it.each(translated)('%s has a translation for this catalog', (locale) => {
        expect(translation(locale).id).toBe(catalog.id);
      });

      it.each(translated)('%s has the same keys as English', (locale) => {
        expect(Object.keys(translation(locale).messages).sort()).toEqual(englishKeys);
      });

      it.each(translated)('%s has the same placeholders as English', (locale) => {
        const { messages } = translation(locale);
        for (const key of englishKeys) {
          expect(placeholdersOf(messages[key] ?? ''), key).toEqual(
            placeholdersOf(catalog.en[key] ?? ''),
          );
        }
      });

      it.each(locales)('%s has no empty message', (locale) => {
        const messages = locale === 'en' ? catalog.en : translation(locale).messages;
        for (const [key, message] of Object.entries(messages)) {
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
