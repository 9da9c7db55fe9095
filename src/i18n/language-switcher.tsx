import { localeNames, locales, type Locale } from './catalog';
import { useLocale } from './i18n-context';

export function LanguageSwitcher({ label }: { label: string }) {
  const { locale, setLocale } = useLocale();
  return (
    <select
      aria-label={label}
      className="language-switcher"
      value={locale}
      onChange={(event) => {
        setLocale(event.target.value as Locale);
      }}
    >
      {locales.map((option) => (
        <option key={option} value={option} lang={option}>
          {localeNames[option]}
        </option>
      ))}
    </select>
  );
}
