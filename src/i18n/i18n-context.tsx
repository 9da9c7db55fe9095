import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  interpolate,
  locales,
  preferredLocale,
  type Catalog,
  type Locale,
  type MessageParams,
} from './catalog';
import { isLocaleLoaded, loadLocale, messageIn } from './translations';

interface I18n {
  locale: Locale;
  /** Switches once the language has loaded; if it cannot load, the current one stays. */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);
/** The user's choice; not personal data, and it must survive a reload. */
const localeKey = 'workfront.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(localeKey);
  return locales.find((locale) => locale === stored) ?? preferredLocale(navigator.languages);
}

/**
 * The user's language, loading from the moment the app's code runs, beside config.json:
 * src/main.tsx renders once it settles, so the first paint is in that language. It never
 * fails: without its translations, the app starts in English.
 */
export const localeReady: Promise<void> = loadLocale(initialLocale()).catch(() => undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(() => {
    const wanted = initialLocale();
    return isLocaleLoaded(wanted) ? wanted : 'en';
  });
  /** The last choice: one that loads after a later one does not win. */
  const chosen = useRef(locale);
  const setLocale = useCallback((next: Locale) => {
    chosen.current = next;
    loadLocale(next).then(
      () => {
        if (chosen.current !== next) return;
        localStorage.setItem(localeKey, next);
        setLocaleState(next);
      },
      () => {
        // Not loaded (offline, or a release replaced the chunk): the page stays as it is, and
        // choosing the language again tries again.
      },
    );
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useLocale(): I18n {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useLocale must be used inside <I18nProvider>');
  return i18n;
}

/** `t(key, params)` over one area's catalog, in the current locale. */
export function useMessages<English extends Record<string, string>>(
  catalog: Catalog<string, English>,
) {
  const { locale } = useLocale();
  return useCallback(
    <Key extends keyof English & string>(key: Key, ...[params]: MessageParams<English[Key]>) =>
      interpolate(messageIn(catalog, locale, key), params),
    [catalog, locale],
  );
}
