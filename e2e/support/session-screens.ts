/** Places of the session's screens shared by the specs: the start page, the inspector. */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { emulator } from './emulator';

export const signInButton = (page: Page) =>
  page.getByRole('button', { name: 'Sign in with Workfront' });

export const sessionEnded = (page: Page) =>
  page.getByRole('heading', { name: 'Your Workfront session ended, sign in again' });

export const timeline = (page: Page) => page.getByRole('list', { name: 'OAuth timeline' });

/** Opens the flow inspector from the header's Session badge. */
export async function openInspector(page: Page) {
  await page.getByRole('link', { name: /^Session/ }).click();
  await expect(page.getByRole('heading', { name: 'Session', level: 1 })).toBeVisible();
}

/** The refresh-token requests Workfront received, oldest first. */
export const refreshes = () => emulator.tokenCalls('refresh_token');
