/**
 * What the token vault's tests share: the settings a page connects with, and small helpers for
 * promises. A test helper, not part of the app; its name does not end in `.test.ts`, so Vitest
 * does not collect it.
 */
import { VaultError, type VaultFailure, type VaultSettings } from '../vault-protocol';

export const settings: VaultSettings = {
  clientId: 'wf-demo-spa',
  workfrontUrl: 'https://acme.my.workfront.com',
  authorizationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/authorize',
  tokenEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/token',
  revocationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/revoke',
  redirectUri: 'https://app.example/callback',
  scope: 'offline_access',
  apiBase: 'https://app.example/attask/api/v20.0',
  observe: true,
};

/** A promise with its `resolve` and `reject` in the test's hands. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The failure a vault call rejected with, as the page receives it. */
export async function failureOf(promise: Promise<unknown>): Promise<VaultFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultError) return error.failure;
    throw error;
  }
  throw new Error('expected the vault to refuse');
}
