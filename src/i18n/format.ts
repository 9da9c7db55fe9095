import { useMemo } from 'react';
import type { Locale } from './catalog';
import { useLocale } from './i18n-context';

/** Dates, times, numbers and percentages in the user's language, by Intl. */
export function formatters(locale: Locale) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const number = new Intl.NumberFormat(locale);
  return {
    date: (value: Date) => date.format(value),
    dateTime: (value: Date) => dateTime.format(value),
    time: (value: Date) => time.format(value),
    /** Workfront's percentages run from 0 to 100. */
    percent: (value: number) => percent.format(value / 100),
    number: (value: number) => number.format(value),
  };
}

export type Formatters = ReturnType<typeof formatters>;

export function useFormat(): Formatters {
  const { locale } = useLocale();
  return useMemo(() => formatters(locale), [locale]);
}
