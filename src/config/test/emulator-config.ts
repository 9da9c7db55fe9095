import type { AppConfig } from '../app-config';

/** The app's configuration for the local emulator, as `npm start` has it. */
export const emulatorConfig: AppConfig = {
  workfrontUrl: 'http://localhost:8787',
  clientId: 'wf-demo-spa',
  redirectPath: '/callback',
  scope: 'offline_access',
  apiVersion: 'v20.0',
  apiMode: 'proxy',
  emulator: true,
  inspector: true,
  stateEcho: true,
  authorizationEndpoint: 'http://localhost:8787/integrations/oauth2/authorize',
  tokenEndpoint: 'http://localhost:8787/integrations/oauth2/api/v1/token',
  revocationEndpoint: 'http://localhost:8787/integrations/oauth2/api/v1/revoke',
  workfrontSignOutUrl: 'http://localhost:8787/logout',
};
