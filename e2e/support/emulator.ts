import { createEmulatorControl } from '../../src/emulator-control/emulator-control.ts';

/**
 * The suite's Workfront emulator, driven through its control API as any outside test would: the
 * one typed client (src/emulator-control), on the suite's port.
 */
export {
  createEmulatorControl,
  demoClientId,
  isTokenCall,
  type Fault,
  type FaultTarget,
  type LogEntry,
} from '../../src/emulator-control/emulator-control.ts';

export const emulatorUrl = 'http://localhost:8787';

export const emulator = createEmulatorControl(emulatorUrl, { timeoutMs: 30_000 });
