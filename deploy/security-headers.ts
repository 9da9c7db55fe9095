/**
 * The one source of the security headers. `vite preview` (vite.config.ts) and nginx (deploy/nginx.ts)
 * both send exactly this map, so the two cannot drift. The Vite dev server sends none of it: HMR
 * needs inline script and eval, and the dev server is never an app users reach.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAppConfig, type AppConfig } from '../src/config/app-config.ts';

export type HeaderMap = Readonly<Record<string, string>>;

/**
 * The origins the app may fetch from besides its own: the Workfront instance (token endpoint,
 * direct API mode, the emulator's what-if controls) and explicitly configured token and revocation
 * endpoints.
 */
export function connectOrigins(
  config: Pick<AppConfig, 'workfrontUrl' | 'tokenEndpoint' | 'revocationEndpoint'>,
) {
  return [
    ...new Set(
      [config.workfrontUrl, config.tokenEndpoint, config.revocationEndpoint].map(
        (url) => new URL(url).origin,
      ),
    ),
  ];
}

/**
 * - Scripts and styles only from this origin: Vite's build has no inline script or style, and
 *   React's `style` prop writes through the CSSOM, which style-src does not govern.
 * - No `data:` images or fonts: the app has none, so allowing them would only help an attacker.
 * - `form-action 'self'`: sign-in leaves by `location.assign`, not by a form.
 * - Workers only from this origin, and through one Trusted Types policy, `workfront-vault`, which
 *   lets only the token vault's own script URL through (src/auth/page/vault-connection.ts). The app
 *   writes to no HTML or script sink (React's `dangerouslySetInnerHTML` is unused), so every other
 *   such write, and every `javascript:` URL, is refused rather than checked.
 */
export function contentSecurityPolicy(
  config: Pick<AppConfig, 'workfrontUrl' | 'tokenEndpoint' | 'revocationEndpoint'>,
) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self' ${connectOrigins(config).join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    'trusted-types workfront-vault',
  ].join('; ');
}

/** Features the app never uses, switched off for it and anything that might get into the page. */
const disabledFeatures = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

export function securityHeaders(
  config: Pick<AppConfig, 'workfrontUrl' | 'tokenEndpoint' | 'revocationEndpoint'>,
): HeaderMap {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': disabledFeatures.map((feature) => `${feature}=()`).join(', '),
    // For browsers without frame-ancestors.
    'X-Frame-Options': 'DENY',
  };
}

/**
 * The CSP of every answer proxied from Workfront, in place of the app's (deploy/nginx.ts,
 * deploy/workfront-proxy.ts). Such an answer is data on the app's origin: opened as a page (an
 * HTML error, a sniffed type), it runs and loads nothing, and `sandbox` gives it an opaque origin,
 * away from the app's storage and its token vault.
 */
export const proxiedContentSecurityPolicy = "default-src 'none'; sandbox";

/**
 * Sent by nginx only when served over https (deploy/nginx.conf.template); `vite preview` serves
 * plain HTTP on localhost, where browsers ignore it.
 */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

/**
 * The configuration the served app will load: `config.json` in the served folder, with the same
 * build-time override of the Workfront URL that the app applies (src/main.tsx). `appOrigin` is
 * where it is served; without it, no endpoint may be on the app's own origin.
 */
export function readServedConfig(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  appOrigin?: string,
): AppConfig {
  const raw = JSON.parse(readFileSync(join(root, 'config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const workfrontUrl = env.VITE_WORKFRONT_URL ?? raw.workfrontUrl;
  return parseAppConfig({ ...raw, workfrontUrl }, appOrigin);
}
