import { createEmulatorControl, demoClientId } from '../src/inspector/emulator-control';
import { appUrl, emulatorUrl } from './servers';

const control = createEmulatorControl(emulatorUrl);

/** The bench's emulator, driven through its control API as the e2e suite drives its own. */
export const emulator = {
  ...control,
  /** Back to the seed, with the bench's preview registered as a redirect URL of the demo app. */
  async reset(settings: Record<string, unknown> = {}): Promise<void> {
    await control.reset();
    const app = await control.app(demoClientId);
    await control.updateApp(demoClientId, {
      redirectUrls: [...app.redirectUrls, `${appUrl}/callback`],
    });
    if (Object.keys(settings).length > 0) await control.settings(settings);
  },
};
