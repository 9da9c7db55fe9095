import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineMessages, type AnyCatalog, type Translation } from './catalog';

const catalog = defineMessages('test/messages', { hello: 'Hello', language: 'Language' });
const chinese = {
  default: [
    { id: 'test/messages', messages: { hello: '你好', language: '语言' } },
  ] satisfies Translation<AnyCatalog>[],
};

/** What `import('./zh-CN')` gives, set by each test. */
const loadZhCN = vi.fn<() => Promise<unknown>>();

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** The app's I18n as a fresh page load has it: nothing loaded yet; `localeReady` starts now. */
async function loadPage() {
  vi.resetModules();
  vi.doMock('./zh-CN', () => loadZhCN());
  const { I18nProvider, localeReady, useMessages } = await import('./i18n-context');
  const { LanguageSwitcher } = await import('./language-switcher');
  const { loadLocale } = await import('./translations');
  function Page() {
    const t = useMessages(catalog);
    return (
      <>
        <LanguageSwitcher label={t('language')} />
        <p>{t('hello')}</p>
      </>
    );
  }
  const renderPage = () => {
    render(
      <I18nProvider>
        <Page />
      </I18nProvider>,
    );
    return { user: userEvent.setup() };
  };
  return { localeReady, loadLocale, renderPage };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  loadZhCN.mockReset();
  vi.restoreAllMocks();
});

describe('I18nProvider at boot', () => {
  it('starts in English without loading anything', async () => {
    const { localeReady, renderPage } = await loadPage();
    await localeReady;
    renderPage();
    expect(screen.getByText('Hello')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(loadZhCN).not.toHaveBeenCalled();
  });

  it('starts in the stored language, loaded before the first render', async () => {
    localStorage.setItem('workfront.locale', 'zh-CN');
    loadZhCN.mockResolvedValue(chinese);
    const { localeReady, renderPage } = await loadPage();
    await localeReady;
    renderPage();
    expect(screen.getByText('你好')).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: '语言' }).value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it("follows the browser's language when none is stored", async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN', 'en']);
    loadZhCN.mockResolvedValue(chinese);
    const { localeReady, renderPage } = await loadPage();
    await localeReady;
    renderPage();
    expect(screen.getByText('你好')).toBeTruthy();
  });

  it('starts in English when the language cannot load', async () => {
    localStorage.setItem('workfront.locale', 'zh-CN');
    loadZhCN.mockRejectedValue(new Error('offline'));
    const { localeReady, renderPage } = await loadPage();
    await expect(localeReady).resolves.toBeUndefined();
    renderPage();
    expect(screen.getByText('Hello')).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' }).value).toBe('en');
    // The choice stays for the next visit.
    expect(localStorage.getItem('workfront.locale')).toBe('zh-CN');
  });
});

describe('switching language', () => {
  it('loads the language, then switches to it and stores the choice', async () => {
    const load = deferred();
    loadZhCN.mockImplementation(() => load.promise.then(() => chinese));
    const { renderPage } = await loadPage();
    const { user } = renderPage();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN');
    // Until it has loaded, the page stays whole in English.
    expect(screen.getByText('Hello')).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' }).value).toBe('en');

    load.resolve();
    expect(await screen.findByText('你好')).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: '语言' }).value).toBe('zh-CN');
    await waitFor(() => {
      expect(document.documentElement.lang).toBe('zh-CN');
    });
    expect(localStorage.getItem('workfront.locale')).toBe('zh-CN');

    await user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'en');
    expect(await screen.findByText('Hello')).toBeTruthy();
    await waitFor(() => {
      expect(document.documentElement.lang).toBe('en');
    });
    expect(localStorage.getItem('workfront.locale')).toBe('en');
  });

  it('stays on the current language when the new one cannot load, and tries again', async () => {
    const failed = deferred();
    loadZhCN.mockImplementationOnce(() => failed.promise);
    const { loadLocale, renderPage } = await loadPage();
    const { user } = renderPage();
    const switcher = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' });

    await user.selectOptions(switcher, 'zh-CN');
    // The same load as the switcher's, which settles first.
    const load = loadLocale('zh-CN');
    failed.reject(new Error('offline'));
    await act(() => load.catch(() => undefined));
    expect(screen.getByText('Hello')).toBeTruthy();
    expect(switcher.value).toBe('en');
    expect(localStorage.getItem('workfront.locale')).toBeNull();

    loadZhCN.mockResolvedValue(chinese);
    await user.selectOptions(switcher, 'zh-CN');
    expect(await screen.findByText('你好')).toBeTruthy();
  });

  it('keeps the last choice when an earlier one finishes loading after it', async () => {
    const load = deferred();
    loadZhCN.mockImplementation(() => load.promise.then(() => chinese));
    const { loadLocale, renderPage } = await loadPage();
    const { user } = renderPage();
    const switcher = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' });

    await user.selectOptions(switcher, 'zh-CN');
    await user.selectOptions(switcher, 'en');
    load.resolve();
    // The same load as the switcher's, which settles first.
    await act(() => loadLocale('zh-CN'));

    expect(screen.getByText('Hello')).toBeTruthy();
    expect(localStorage.getItem('workfront.locale')).toBe('en');
  });
});
