import { createEmulatorControl } from './emulator-control';

/**
 * The inspector's "what if" buttons, each one call of the emulator's control API
 * (emulator-control.ts). Real Workfront has no such thing: the buttons only appear when the
 * config says the Workfront URL is the emulator.
 */
export function emulatorControls(workfrontUrl: string) {
  const emulator = createEmulatorControl(workfrontUrl);
  return {
    expireAccessToken: () => emulator.expireSessions({ tokens: 'access' }),
    expireRefreshToken: (limit: 'absolute' | 'inactivity') =>
      emulator.expireSessions({ tokens: 'refresh', limit }),
    revokeSession: () => emulator.revokeSessions(),
    failNextRefresh: async () => {
      await emulator.fault({ target: 'token', count: 1, status: 503 });
    },
    dropState: async () => {
      await emulator.settings({ echoState: false });
    },
    setTokenType: async (tokenType: 'Bearer' | 'sessionID') => {
      await emulator.settings({ tokenType });
    },
  };
}
