import type { AnyCatalog, Catalog, Locale, Translation } from './catalog';

type Translated = Exclude<Locale, 'en'>;
type Translations = readonly Translation<AnyCatalog>[];
type Messages = Translation<AnyCatalog>['messages'];

/**
 * Each language's translations, in a chunk of its own: a user downloads English (the source, in
 * the screens' code) and only the language they chose.
 */
const loaders: Record<Translated, () => Promise<{ default: Translations }>> = {
  'zh-CN': () => import('./zh-CN'),
};

/** The loaded languages: each catalog's messages, by the catalog's id. */
const loaded = new Map<Translated, ReadonlyMap<string, Messages>>();
const loading = new Map<Translated, Promise<void>>();

/** Loads a language's translations, once; English needs none. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en') return Promise.resolve();
  let load = loading.get(locale);
  if (!load) {
    load = loaders[locale]().then(({ default: translations }) => {
      loaded.set(locale, new Map(translations.map(({ id, messages }) => [id, messages])));
    });
    // A download that failed (offline, or a release replaced the chunk) is tried again next time.
    load.catch(() => loading.delete(locale));
    loading.set(locale, load);
  }
  return load;
}

export function isLocaleLoaded(locale: Locale): boolean {
  return locale === 'en' || loaded.has(locale);
}

/** The catalog's message in `locale`, or the English one where the translation has none. */
export function messageIn<Key extends string>(
  catalog: Catalog<string, Record<Key, string>>,
  locale: Locale,
  key: Key,
): string {
  const translated = locale === 'en' ? undefined : loaded.get(locale)?.get(catalog.id)?.[key];
  return translated ?? catalog.en[key];
}
