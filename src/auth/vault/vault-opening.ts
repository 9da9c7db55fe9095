import { createTokenVault, type TokenVault } from './token-vault';
import { createSignOutChannel } from './cross-tab';
import type { createStepRecording } from './step-recording';
import { VaultError, vaultProtocolVersion, type VaultSettings } from '../vault-protocol';

/**
 * The one token vault a worker holds, opened by the first page to connect, with that page's
 * settings. A page of another release or configuration is refused, never misread: it reloads.
 * `changed`: the vault's state changed, for every page to hear.
 */
export function createVaultOpening(
  changed: () => void,
  steps: ReturnType<typeof createStepRecording>,
) {
  let settings: VaultSettings | undefined;
  let vault: TokenVault | undefined;

  const mismatch = (what: 'configuration' | 'release') =>
    new VaultError({
      kind: 'problem',
      problem: { kind: 'vault-mismatch', with: what },
      afterBounce: false,
      endsSession: false,
    });

  function open(given: VaultSettings, version: number): TokenVault {
    if (version !== vaultProtocolVersion) throw mismatch('release');
    if (vault && settings) {
      if (JSON.stringify(settings) !== JSON.stringify(given)) throw mismatch('configuration');
      return vault;
    }
    settings = given;
    if (given.observe) steps.load();
    const crossTab = createSignOutChannel(
      given.clientId,
      () => {
        vault?.signOut(false, true);
      },
      (userId) => {
        vault?.signedInElsewhere(userId);
      },
    );
    vault = createTokenVault(given, {
      changed,
      ...(given.observe && { flow: steps.record }),
      // Every other vault of this client hears it: per-tab ones, and the shared vault of another
      // release (a SharedWorker is keyed by its script's URL, which each release changes).
      signedOut: crossTab.announce,
      signedIn: crossTab.announceSignIn,
    });
    return vault;
  }

  return {
    open,
    /** The vault, once a page has connected; before that, a request is refused. */
    opened(): TokenVault {
      if (!vault) throw new VaultError({ kind: 'refused', detail: 'connect first' });
      return vault;
    },
    current: () => vault,
  };
}
