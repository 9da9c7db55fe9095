import type { BrowserContext, Page } from '@playwright/test';

/**
 * Serves the app's config.json with `changes`, as a deployment that set them would: for example
 * `stateEcho: false` beside the emulator's `echoState: false`, as `npm run setup -- --profile`
 * writes it for an instance that does not echo state.
 */
export async function serveAppConfig(target: Page | BrowserContext, changes: object) {
  await target.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = { ...((await response.json()) as object), ...changes };
    await route.fulfill({ response, json: config });
  });
}

/** The config.json an instance with these emulator switches needs. */
export async function serveConfigFor(target: Page | BrowserContext, switches: object) {
  if ('echoState' in switches && switches.echoState === false) {
    await serveAppConfig(target, { stateEcho: false });
  }
}
