import type { CallbackUrlProblem } from '../auth-errors';

export type CallbackUrlCheck =
  { ok: true; url: string } | { ok: false; problem: CallbackUrlProblem };

const singleValued = ['code', 'state', 'error'] as const;

/**
 * Checks a redirect back from Workfront and, when Workfront did not echo `state`, supplies it.
 *
 * Workfront does not document that it echoes `state`. Without it, the response is matched to the
 * only sign-in pending in this tab. That is safe because PKCE binds the code to that request: its
 * verifier never left this tab, so a code injected from elsewhere fails at the token endpoint.
 * With none or several pending we cannot tell which request this answers, and refuse.
 */
export function checkCallbackUrl(
  href: string,
  pendingStateIds: readonly string[],
): CallbackUrlCheck {
  const url = new URL(href);
  const params = url.searchParams;
  if (!params.has('code') && !params.has('error')) return { ok: false, problem: 'not-a-callback' };
  if (singleValued.some((name) => params.getAll(name).length > 1)) {
    return { ok: false, problem: 'duplicated-parameter' };
  }
  if (params.get('state')) return { ok: true, url: url.href };

  const [onlyPending, ...others] = pendingStateIds;
  if (onlyPending === undefined) return { ok: false, problem: 'missing-state' };
  if (others.length > 0) return { ok: false, problem: 'ambiguous-state' };
  params.set('state', onlyPending);
  return { ok: true, url: url.href };
}
