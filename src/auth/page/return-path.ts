/**
 * Where to send the user after sign-in. Only a path on this origin is accepted, so that a crafted
 * `returnTo` can never turn the sign-in into an open redirect.
 */
export function safeReturnPath(candidate: unknown, origin: string, fallback = '/work'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  // `//host` and `/\host` are protocol-relative in browsers; control characters hide tricks.
  if (/^\/[/\\]/.test(candidate) || /[\p{Cc}\\]/u.test(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments are resolved above: `/..//evil.example` and `/%2e%2e//evil.example` come out
  // as `//evil.example`, which any later redirect would follow off the origin.
  return /^\/[/\\]/.test(path) ? fallback : path;
}
