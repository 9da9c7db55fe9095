import type { AppConfig } from '../config/app-config';
import type { VaultSettings } from './vault-protocol';

/** What the vault needs of the app's configuration, for a page at `origin`. */
export function vaultSettings(config: AppConfig, origin: string): VaultSettings {
  return {
    clientId: config.clientId,
    workfrontUrl: config.workfrontUrl,
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    revocationEndpoint: config.revocationEndpoint,
    redirectUri: `${origin}${config.redirectPath}`,
    scope: config.scope,
    apiBase: new URL(
      `${config.apiMode === 'proxy' ? origin : config.workfrontUrl}/attask/api/${config.apiVersion}`,
    ).href,
    observe: config.inspector,
  };
}
