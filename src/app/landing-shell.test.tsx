import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { fakeAuthClient } from '../auth/test/fake-auth-client';
import type { AppConfig } from '../config/app-config';
import { AppConfigContext } from '../config/config-context';
import { emulatorConfig } from '../config/test/emulator-config';
import { I18nProvider } from '../i18n/i18n-context';
import { LandingShell } from './landing-shell';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function renderShell(openApp = vi.fn(), config: AppConfig = emulatorConfig) {
  const signIn = vi.fn(() => Promise.resolve());
  const fake = fakeAuthClient({ signIn });
  render(
    <AppConfigContext value={config}>
      <I18nProvider>
        <AuthProvider client={fake.client}>
          <LandingShell openApp={openApp} />
        </AuthProvider>
      </I18nProvider>
    </AppConfigContext>,
  );
  return { ...fake, openApp, signIn };
}

describe('the start page before the router has loaded', () => {
  it('is the landing page in the layout: skip link, header and the sign-in button', () => {
    renderShell();
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe(
      '#main',
    );
    expect(screen.getByRole('link', { name: 'Workfront' }).getAttribute('href')).toBe('/');
    expect(screen.getByRole('button', { name: 'Sign in with Workfront' })).toBeTruthy();
  });

  it("shows no developer's instruments, even where config.json turns the inspector on", () => {
    renderShell();
    expect(screen.getByRole('button', { name: 'Sign in with Workfront' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Open the flow inspector/ })).toBeNull();
  });

  it('signs in to the page that returnTo names', () => {
    window.history.replaceState(null, '', '/?returnTo=%2Fprojects%2F7');
    const { signIn } = renderShell();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Workfront' }));
    expect(signIn).toHaveBeenCalledWith('/projects/7');
  });

  it('hands a click on a header link to the router, not to the browser', () => {
    const { openApp } = renderShell();
    const brand = screen.getByRole('link', { name: 'Workfront' });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    fireEvent(brand, click);
    expect(openApp).toHaveBeenCalledWith('/');
    expect(click.defaultPrevented).toBe(true);
  });

  it('leaves a modified click (a new tab) to the browser', () => {
    const { openApp } = renderShell();
    const brand = screen.getByRole('link', { name: 'Workfront' });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    fireEvent(brand, click);
    expect(openApp).not.toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(false);
  });

  it('hands over to the router where it is, when a session turns up (another tab signed in)', () => {
    const { openApp, set } = renderShell();
    expect(openApp).not.toHaveBeenCalled();
    act(() => {
      set({ status: 'signed-in', expiresAt: Date.now() + 60_000 });
    });
    expect(openApp).toHaveBeenCalledWith();
  });
});
