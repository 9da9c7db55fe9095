import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineMessages, type AnyCatalog, type Translation } from './catalog';

const catalog = defineMessages('test/messages', { hello: 'Hello', bye: 'Bye, {name}' });
const untranslated = defineMessages('test/untranslated', { hello: 'Hello' });

/** What `import('./zh-CN')` gives, set by each test. */
const loadZhCN = vi.fn<() => Promise<unknown>>();

const translation = (messages: Record<string, string>) => ({
  default: [{ id: 'test/messages', messages }] satisfies Translation<AnyCatalog>[],
});

/** A fresh registry: nothing loaded yet. */
async function freshTranslations() {
  vi.resetModules();
  vi.doMock('./zh-CN', () => loadZhCN());
  return import('./translations');
}

beforeEach(() => {
  loadZhCN.mockReset();
});

describe('translations', () => {
  it('need no load for English', async () => {
    const { isLocaleLoaded, loadLocale, messageIn } = await freshTranslations();
    expect(isLocaleLoaded('en')).toBe(true);
    await loadLocale('en');
    expect(messageIn(catalog, 'en', 'hello')).toBe('Hello');
    expect(loadZhCN).not.toHaveBeenCalled();
  });

  it('load a language once, and give each catalog its translation', async () => {
    loadZhCN.mockResolvedValue(translation({ hello: '你好', bye: '再见，{name}' }));
    const { isLocaleLoaded, loadLocale, messageIn } = await freshTranslations();
    expect(isLocaleLoaded('zh-CN')).toBe(false);

    await Promise.all([loadLocale('zh-CN'), loadLocale('zh-CN')]);
    await loadLocale('zh-CN');

    expect(loadZhCN).toHaveBeenCalledTimes(1);
    expect(isLocaleLoaded('zh-CN')).toBe(true);
    expect(messageIn(catalog, 'zh-CN', 'bye')).toBe('再见，{name}');
    expect(messageIn(catalog, 'en', 'bye')).toBe('Bye, {name}');
  });

  it('fall back to English, key by key, where a translation has none', async () => {
    loadZhCN.mockResolvedValue(translation({ hello: '你好' }));
    const { loadLocale, messageIn } = await freshTranslations();
    expect(messageIn(catalog, 'zh-CN', 'hello')).toBe('Hello');

    await loadLocale('zh-CN');

    expect(messageIn(catalog, 'zh-CN', 'hello')).toBe('你好');
    expect(messageIn(catalog, 'zh-CN', 'bye')).toBe('Bye, {name}');
    expect(messageIn(untranslated, 'zh-CN', 'hello')).toBe('Hello');
  });

  it('fail to load without registering anything, and try again next time', async () => {
    loadZhCN.mockRejectedValueOnce(new Error('offline'));
    loadZhCN.mockResolvedValue(translation({ hello: '你好', bye: '再见，{name}' }));
    const { isLocaleLoaded, loadLocale, messageIn } = await freshTranslations();

    await expect(loadLocale('zh-CN')).rejects.toThrow();
    expect(isLocaleLoaded('zh-CN')).toBe(false);

    await loadLocale('zh-CN');
    expect(loadZhCN).toHaveBeenCalledTimes(2);
    expect(messageIn(catalog, 'zh-CN', 'hello')).toBe('你好');
  });
});
