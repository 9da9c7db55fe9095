import type { ApiRequest } from '../vault-protocol';

/** The paths nginx forwards to Workfront (deploy/), and the only ones the vault sends a token to. */
const workfrontApiRoots = ['/attask/api/', '/attask/api-internal/', '/attask/api-unsupported/'];
/**
 * The app's paths (`v20.0/work/myWork`, `TASK/<ID>`, `optask/search`, …; Workfront's IDs are 32
 * hex digits) in ASCII letters, digits, `.`, `_` and `-` between slashes, no segment empty, `.`
 * or `..`. Nothing else: a `%` could be decoded into a dot or a slash (`%2e`, overlong `%C0%AE`,
 * IIS's `%u002e`), a `;` starts path parameters that some servers strip before they route
 * (`/attask/api/..;/x`). Dot segments are refused here as well as by the normalised form, because
 * a URL parser can leave one: Node 20's keeps `/attask/api/.a/../../x` as it is.
 */
const appPath = /^(?:\/(?!\.\.?(?:\/|$))[\w.-]+)+$/;
const methods = new Set<string>(['GET', 'PUT', 'POST']);
const requestFields = new Set(['method', 'url', 'form']);

/**
 * Workfront takes the operation from a `method` parameter over the HTTP method: a GET with
 * `method=PUT` edits, `method=DELETE` deletes. The app sends one only as `method=GET`, once, in the
 * form of a POSTed search (a query too long for a URL). Names are read decoded, in any case and
 * trimmed, as a lenient server might read them.
 */
function methodParameterRefusal(request: ApiRequest, url: URL): string | undefined {
  const methodParams = (params: URLSearchParams) =>
    [...params].filter(([name]) => name.trim().toLowerCase() === 'method');
  const inQuery = methodParams(url.searchParams);
  const inForm = methodParams(new URLSearchParams(request.form));
  if (inQuery.length === 0 && inForm.length === 0) return undefined;
  const [name, value] = inForm[0] ?? [];
  const searchByPost =
    request.method === 'POST' &&
    url.pathname.endsWith('/search') &&
    inQuery.length === 0 &&
    inForm.length === 1 &&
    name === 'method' &&
    value === 'GET';
  return searchByPost
    ? undefined
    : 'a method parameter other than method=GET in a POSTed search’s form';
}

/**
 * Why the vault refuses to send this request with the session's token, or undefined if it may:
 * Workfront's API on the configured origin only, in the normalised form, in the characters of the
 * app's own paths, with no body but a POST's form, and no verb but the HTTP method's.
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
  if (!workfrontApiRoots.some((root) => url.pathname.startsWith(root))) {
    return `the path ${url.pathname}, not under Workfront's API`;
  }
  if (!appPath.test(url.pathname)) {
    return 'a path with a character the app never sends, or an empty segment';
  }
  return methodParameterRefusal(request, url);
}
