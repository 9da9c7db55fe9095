/**
 * The emulator's side of the minimal app (not app code): its redirect URI, registered in the
 * emulator's OAuth2 application through the emulator's control API, as the e2e suite configures
 * the emulator. A real Workfront needs the same, once, in Setup > OAuth Applications.
 */
import { readFileSync } from 'node:fs';
import { createEmulatorControl } from '../../src/inspector/emulator-control.ts';

export const minimalConfig = JSON.parse(
  readFileSync(new URL('public/config.json', import.meta.url), 'utf8'),
) as { workfrontUrl: string; clientId: string; redirectPath: string };

/** Its own origin, so its own redirect URI, which Workfront's OAuth2 application must list. */
export const minimalAppOrigin = 'http://localhost:4175';
export const minimalRedirectUri = `${minimalAppOrigin}${minimalConfig.redirectPath}`;

/** Adds the redirect URI to the application of config.json's client ID (the seed has 5173, 4173). */
export async function allowMinimalApp(emulatorUrl = minimalConfig.workfrontUrl): Promise<void> {
  const emulator = createEmulatorControl(emulatorUrl, { timeoutMs: 10_000 });
  const { redirectUrls } = await emulator.app(minimalConfig.clientId);
  if (redirectUrls.includes(minimalRedirectUri)) return;
  await emulator.updateApp(minimalConfig.clientId, {
    redirectUrls: [...redirectUrls, minimalRedirectUri],
  });
}
