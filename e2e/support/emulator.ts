import {
  createEmulatorControl,
  demoClientId,
} from '../../src/inspector/emulator-control.ts';

/**
 * The suite's Workfront emulator, driven through its control API as any outside test would: the
 * one typed client (src/inspector/emulator-control.ts), on the suite's port.
 */
export {
  createEmulatorControl,
  demoClientId,
  isTokenCall,
  type EmulatorSettings,
  type Fault,
  type FaultTarget,
  type LogEntry,
} from '../../src/inspector/emulator-control.ts';

export const emulatorUrl = 'http://localhost:8787';

export const emulator = createEmulatorControl(emulatorUrl, { timeoutMs: 30_000 });

/**
 * Workfront's answer to a refresh with `refreshToken`, asked from Node as any client could: after
 * a sign-out, `invalid_grant` for each. Asking spends a token that still works (it rotates).
 */
export async function tryRefresh(
  refreshToken: string,
): Promise<{ status: number; error?: string }> {
  const response = await fetch(`${emulatorUrl}/integrations/oauth2/api/v1/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: demoClientId,
      refresh_token: refreshToken,
    }),
  });
  const { error } = (await response.json()) as { error?: string };
  return { status: response.status, ...(error === undefined ? {} : { error }) };
}
