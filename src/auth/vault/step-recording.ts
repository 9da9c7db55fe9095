import type { VaultMessage } from '../vault-protocol';
import type { FlowStep } from './vault-events';

/**
 * The vault's steps of the flow, told to every page for its observer, tokens reduced to
 * fingerprints by the recorder (flow-recorder.ts). The recorder loads only where the app observes,
 * and when the vault opens, beside its first token request rather than after it: the vault waits
 * for each step it records, and the sign-in would wait a round trip more.
 */
export function createStepRecording(broadcast: (message: VaultMessage) => void) {
  let recorder: Promise<typeof import('./flow-recorder')> | undefined;
  const loadRecorder = () =>
    (recorder ??= import('./flow-recorder').catch((error: unknown) => {
      recorder = undefined;
      throw error;
    }));

  return {
    load() {
      loadRecorder().catch(() => undefined);
    },
    /** Steps are told in order, since the vault waits for each; one not recorded is left out. */
    record: async (step: FlowStep): Promise<void> => {
      try {
        const { recordStep } = await loadRecorder();
        broadcast({ type: 'flow', event: await recordStep(step) });
      } catch {
        // Left out of the story.
      }
    },
  };
}
