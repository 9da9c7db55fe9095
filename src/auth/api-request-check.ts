import type { ApiRequest } from './vault-protocol';

/** The paths nginx forwards to Workfront (deploy/), and the only ones the vault sends a token to. */
const workfrontApiRoots = ['/attask/api/', '/attask/api-internal/', '/attask/api-unsupported/'];
const methods = new Set<string>(['GET', 'PUT', 'POST']);
const requestFields = new Set(['method', 'url', 'form']);

/**
 * Why the vault refuses to send this request with the session's token, or undefined if it may:
 * Workfront's API on the configured origin only, in the normalised form (no dot segments, no
 * backslashes, nothing a parser could read two ways), with no body but a POST's form.
 */
export function checkApiRequest(request: ApiRequest, apiBase: string): string | undefined {
  // Headers, credentials or anything else the page might add: the vault sets those itself.
  const unknown = Object.keys(request).filter((key) => !requestFields.has(key));
  if (unknown.length > 0) return `the field ${unknown.join(', ')}`;
  if (!methods.has(request.method)) return `the method ${request.method}`;
  if (request.form !== undefined && request.method !== 'POST') return 'a body on a non-POST';
  if (request.form !== undefined && typeof request.form !== 'string') return 'a body not a form';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'a URL that does not parse';
  }
  if (url.origin !== new URL(apiBase).origin) return `the origin ${url.origin}`;
  if (url.href !== request.url) return 'a URL not in normalised form';
  if (url.username !== '' || url.password !== '' || url.hash !== '')
    return 'credentials or a fragment';
  // `%25` may be decoded twice on the way, and `;` starts path parameters that some servers
  // strip before they route (`/attask/api/..;/x`).
  if (/%2e|%2f|%5c|%25|;/i.test(url.pathname)) {
    return 'an encoded dot, slash, backslash or percent, or a ";", in the path';
  }
  if (!workfrontApiRoots.some((root) => url.pathname.startsWith(root))) {
    return `the path ${url.pathname}, not under Workfront's API`;
  }
  return undefined;
}
