/**
 * The typed message catalog. Each area of the app defines its English messages with
 * `defineMessages`, next to its code, so that a screen's strings load with the screen. English is
 * the source and ships with the code; each other language is a `Translation` in a sibling file
 * (`messages.zh-CN.ts`), with the same keys (a missing or extra one is a type error) and the same
 * `{placeholders}` (checked by catalog.test.ts). A language's translations load together, only for
 * the users who chose it (translations.ts).
 */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The `{name}` placeholders in a message, as a union of names. */
export type Placeholders<Message extends string> =
  Message extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/**
 * One area's English messages, and the id its translations name it by: its file's path in src/
 * without `.ts` (catalog.test.ts checks). An id, not an import of the catalog, so that a
 * language's chunk does not pull in the screens' code.
 */
export interface Catalog<Id extends string, English extends Record<string, string>> {
  readonly id: Id;
  readonly en: English;
}

export type AnyCatalog = Catalog<string, Record<string, string>>;

export function defineMessages<
  const Id extends string,
  const English extends Record<string, string>,
>(id: Id, en: English): Catalog<Id, English> {
  return { id, en };
}

/**
 * A catalog's messages in another language, in a file beside it:
 * `export default { id, messages } satisfies Translation<typeof messages>`, which makes a wrong id,
 * or a missing or extra key, a type error. Types only: the language's chunk imports no code.
 */
export interface Translation<Of extends AnyCatalog> {
  readonly id: Of['id'];
  readonly messages: { readonly [Key in keyof Of['en']]: string };
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
