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

/**
 * The observer as the core calls it, whether or not an app gave one. An instrument that throws is
 * reported as an event listener's error is (`reportError`: to the console and to `onerror`), and
 * the flow goes on: a sign-out still signs out, the browser still leaves for Workfront.
 */
export function guarded(observer: AuthObserver | undefined): AuthObserver {
  const tell =
    <K extends keyof AuthObserver>(name: K) =>
    (news: Parameters<AuthObserver[K]>[0]) => {
      try {
        observer?.[name](news as never);
      } catch (error) {
        reportError(error);
      }
    };
  return { step: tell('step'), vault: tell('vault') };
}
