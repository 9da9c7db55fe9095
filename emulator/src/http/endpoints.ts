/** The parts of the emulator, as the request log names them. */
export type Endpoint =
  'authorize' | 'sign-in' | 'consent' | 'token' | 'api' | 'setup' | 'control' | 'other';

export const paths = {
  authorize: '/integrations/oauth2/authorize',
  signIn: '/integrations/oauth2/login',
  consent: '/integrations/oauth2/consent',
  token: '/integrations/oauth2/api/v1/token',
  api: '/attask/api',
  setup: '/setup/oauth-apps',
  control: '/__emulator',
} as const;

const underPath = (path: string, base: string): boolean =>
  path === base || path.startsWith(`${base}/`);

export function endpointOf(path: string): Endpoint {
  if (path === paths.authorize) return 'authorize';
  if (path === paths.signIn) return 'sign-in';
  if (path === paths.consent) return 'consent';
  if (path === paths.token) return 'token';
  if (underPath(path, paths.api)) return 'api';
  if (underPath(path, paths.setup)) return 'setup';
  if (underPath(path, paths.control)) return 'control';
  return 'other';
}
