/**
 * This page's link to the vault: opened once, when first needed, and the state it answers with
 * applied to the session store. A page that goes, into the back/forward cache or for good, leaves
 * the vault's count of tabs; back from the cache, it opens the vault again (the shared one may
 * have ended with the last other tab) and hears what happened meanwhile.
 */
import { connectRequest, VaultError, type VaultSettings } from '../vault-protocol';
import type { SessionStore } from './session-store';
import { signedInFlag } from './sign-in-storage';
import { authError, type VaultConnection } from './vault-connection';

export interface VaultLinkOptions {
  /** Starts the vault (vault-connection.ts's openVault, bound to this client). */
  open: () => VaultConnection;
  settings: VaultSettings;
  /** localStorage, with the "was signed in" flag. */
  flagStorage: Storage;
  store: SessionStore;
  /** Aborted when the client is disposed: the listeners here end with it. */
  signal: AbortSignal;
}

export function createVaultLink({ open, settings, flagStorage, store, signal }: VaultLinkOptions) {
  let connection: VaultConnection | undefined;
  let connecting: Promise<VaultConnection> | undefined;

  function vault(): Promise<VaultConnection> {
    connecting ??= (async () => {
      const opened = open();
      store.apply(await opened.request(connectRequest(settings)));
      connection = opened;
      return opened;
    })().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  /** Runs a step with the vault; a vault failure comes as the problem the screens explain. */
  async function ask<T>(step: (connection: VaultConnection) => Promise<T>): Promise<T> {
    try {
      return await step(await vault());
    } catch (error) {
      throw error instanceof VaultError ? authError(error.failure) : error;
    }
  }

  /** Asks the vault for its state now: it answers after any sign-in it finished before. */
  async function askState() {
    store.apply(await (await vault()).request(connectRequest(settings)));
  }

  window.addEventListener(
    'pagehide',
    () => {
      void connection?.request({ type: 'disconnect' });
    },
    { signal },
  );
  window.addEventListener(
    'pageshow',
    (event) => {
      if (!event.persisted || !connection) return;
      // Another tab signed out meanwhile (the flag is gone): so does this one, rather than show
      // its data.
      if (store.state().status === 'signed-in' && flagStorage.getItem(signedInFlag) === null) {
        store.signedOut('signed-out', 'other-tab');
        return;
      }
      if (connection.kind === 'per-tab') {
        // This tab's own vault was frozen with it, tokens and all.
        askState().catch(() => undefined);
        return;
      }
      connection = undefined;
      connecting = undefined;
      vault().catch(() => undefined);
    },
    { signal },
  );

  return { vault, ask, askState, connection: () => connection };
}
