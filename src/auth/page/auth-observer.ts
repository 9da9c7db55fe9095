import type { FlowEvent } from '../flow-events';
import type { VaultKind } from '../vault-protocol';

/** Where this tab's tokens live: the vault's kind, the tabs that share it, and whose they are. */
export interface VaultInfo {
  kind: VaultKind;
  /** The tabs that share the vault, this one included. */
  tabs: number;
  /** Workfront's ID of the signed-in user, when signed in and Workfront sent it. */
  userId: string | null;
}

/**
 * The one hook for a developer's instruments, such as the flow inspector (src/inspector): told
 * each step of the flow as it happens, and where the tokens live. It is never handed a token:
 * the vault reduces tokens to fingerprints before they leave it, and a live code is masked. With
 * no observer, nothing is recorded, and none of the instrument's code needs to load.
 */
export interface AuthObserver {
  step: (event: FlowEvent) => void;
  vault: (info: VaultInfo) => void;
}
