/**
 * The typed message catalog. Each area of the app defines its messages with `defineMessages`,
 * next to its code, so that a screen's strings load with the screen. English is the source:
 * every other language must have the same keys (a missing one is a type error) and the same
 * `{placeholders}` (checked by catalog.test.ts).
 */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The `{name}` placeholders in a message, as a union of names. */
export type Placeholders<Message extends string> =
  Message extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type Catalog<English extends Record<string, string>> = {
  en: English;
} & Record<Exclude<Locale, 'en'>, { [Key in keyof English]: string }>;

export function defineMessages<const English extends Record<string, string>>(
  catalog: Catalog<English>,
): Catalog<English> {
  return catalog;
}

/** The keys of messages without placeholders, e.g. for labels kept in data. */
export type PlainKey<English extends Record<string, string>> = {
  [Key in keyof English]: [Placeholders<English[Key]>] extends [never] ? Key : never;
}[keyof English] &
  string;

export type MessageParams<Message extends string> = [Placeholders<Message>] extends [never]
  ? []
  : [params: Record<Placeholders<Message>, string | number>];

export function interpolate(message: string, params: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The best supported locale for the browser's preferred languages. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
