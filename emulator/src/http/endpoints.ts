/** The parts of the emulator, as the request log names them. */
export type Endpoint =
  | 'authorize'
  | 'sign-in'
  | 'consent'
  | 'token'
  | 'revoke'
  | 'jwt-exchange'
  | 'api'
  | 'setup'
  | 'control'
  | 'other';

export const paths = {
  authorize: '/integrations/oauth2/authorize',
  signIn: '/integrations/oauth2/login',
  consent: '/integrations/oauth2/consent',
  /** The instance's own sign-out page: Workfront documents none, so the path is the emulator's. */
  signOut: '/logout',
  token: '/integrations/oauth2/api/v1/token',
  revoke: '/integrations/oauth2/api/v1/revoke',
  jwtExchange: '/integrations/oauth2/api/v1/jwt/exchange',
  api: '/attask/api',
  apiInternal: '/attask/api-internal',
  apiUnsupported: '/attask/api-unsupported',
  setup: '/setup/oauth-apps',
  control: '/__emulator',
} as const;

/** The REST API's base paths: the versioned API and the deprecated ones the official client uses. */
export const apiPaths = [paths.api, paths.apiInternal, paths.apiUnsupported] as const;

const underPath = (path: string, base: string): boolean =>
  path === base || path.startsWith(`${base}/`);

export function endpointOf(path: string): Endpoint {
  if (path === paths.authorize) return 'authorize';
  if (path === paths.signIn) return 'sign-in';
  if (path === paths.consent) return 'consent';
  if (path === paths.token) return 'token';
  if (path === paths.revoke) return 'revoke';
  if (path === paths.jwtExchange) return 'jwt-exchange';
  if (apiPaths.some((base) => underPath(path, base))) return 'api';
  if (underPath(path, paths.setup)) return 'setup';
  if (underPath(path, paths.control)) return 'control';
  return 'other';
}
