import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
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

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);
/** The user's choice; not personal data, and it must survive a reload. */
const localeKey = 'workfront.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(localeKey);
  return locales.find((locale) => locale === stored) ?? preferredLocale(navigator.languages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(localeKey, next);
    setLocaleState(next);
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
export function useMessages<English extends Record<string, string>>(catalog: Catalog<English>) {
  const { locale } = useLocale();
  return useCallback(
    <Key extends keyof English & string>(key: Key, ...[params]: MessageParams<English[Key]>) =>
      interpolate(catalog[locale][key], params),
    [catalog, locale],
  );
}
