/**
 * What the smoke needs of a browser, the same in every engine: Firefox over WebDriver BiDi
 * (puppeteer-core, firefox.ts) and WebKitGTK over W3C WebDriver (webdriverio, webkit.ts).
 *
 * Scripts run in the page are given as text, never as functions: tsx compiles this folder with
 * helpers (`__name`) that a function's source would carry into the page, where they do not exist.
 */

/** One tab of the browser. */
export interface Tab {
  /** Loads `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The browser's Back, as the user's button: resolves once the navigation is under way. */
  back(): Promise<void>;
  url(): Promise<string>;
  /**
   * The value of `expression`, a JavaScript expression (a promise is awaited), which must be
   * JSON: `JSON.stringify(…)` on the page side, parsed here.
   */
  evaluate<T>(expression: string): Promise<T>;
  /** Clicks the element at `xpath`, as the user would. */
  click(xpath: string): Promise<void>;
  /** Types `text` into the field at `xpath`, after clearing it. */
  fill(xpath: string, text: string): Promise<void>;
  /** Chooses the option labelled `label` of the select at `xpath`. */
  select(xpath: string, label: string): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  /** "Firefox ESR", "WebKitGTK". */
  name: string;
  /** The browser's own version, as its driver reports it. */
  version: string;
  /** The first tab, open at about:blank. */
  firstTab: Tab;
  newTab(): Promise<Tab>;
  /** Every cookie of the browser that `url` would be sent, as page script could not all see. */
  cookies(url: string): Promise<{ name: string; value: string }[]>;
  close(): Promise<void>;
}

/** An XPath literal for `text`, quotes and all. */
export function xpathLiteral(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}

/** A button whose text is `text`. */
export const buttonNamed = (text: string) => `//button[normalize-space(.)=${xpathLiteral(text)}]`;

/** An input whose label's own text is `label` (the emulator's login, the app's form fields). */
export const fieldLabelled = (label: string) =>
  `//label[normalize-space(text())=${xpathLiteral(label)}]//*[self::input or self::select]` +
  ` | //input[@id=//label[normalize-space(.)=${xpathLiteral(label)}]/@for]`;
