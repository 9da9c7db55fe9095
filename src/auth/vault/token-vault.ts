// Imported first, so that oidc-client-ts comes first in the worker's bundle and the vault's own
// modules stay together after it: gzip finds their repeats only within 32 kB of each other.
import { watchTokenEndpoint, workfrontClient } from './workfront-oauth';
import { InMemoryWebStorage, WebStorageStateStore } from 'oidc-client-ts';
import { callApi } from './api-call';
import { refresh } from './refresh-flight';
import { sessionState, type Vault } from './vault-session';
import { beginSignIn, finishSignIn } from './vault-sign-in';
import { signedInElsewhere, signOut } from './vault-sign-out';
import type { VaultEvents } from './vault-events';
import type { VaultSettings } from '../vault-protocol';

/**
 * The tokens, and everything done with them: the code exchange (vault-sign-in.ts), refreshes
 * (refresh-flight.ts), API calls (api-call.ts), logout and the revoke (vault-sign-out.ts), each
 * part a function of the vault's inside (vault-session.ts). oidc-client-ts's OidcClient does the
 * OAuth work, bent to Workfront in workfront-oauth.ts; this hands out only what the parts do, and
 * never a token.
 */
export function createTokenVault(settings: VaultSettings, events: VaultEvents) {
  // The watch writes what it notes into the object it returns: the vault is built on it.
  const notes = watchTokenEndpoint(settings);
  const signInRequests = new WebStorageStateStore({ store: new InMemoryWebStorage() });
  const vault: Vault = Object.assign(notes, {
    ...settings,
    ...events,
    client: workfrontClient(settings, signInRequests),
    signInRequests,
    lastCredential: 0,
    signedOutReason: 'none' as const,
    generation: 0,
  });
  return {
    beginSignIn: beginSignIn.bind(null, vault),
    finishSignIn: finishSignIn.bind(null, vault),
    refresh: refresh.bind(null, vault),
    callApi: callApi.bind(null, vault),
    signOut: signOut.bind(null, vault),
    signedInElsewhere: signedInElsewhere.bind(null, vault),
    state: sessionState.bind(null, vault),
  };
}

export type TokenVault = ReturnType<typeof createTokenVault>;
