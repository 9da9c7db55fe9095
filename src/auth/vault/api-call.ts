import { VaultError, type ApiAnswer, type ApiRequest } from '../vault-protocol';
import { checkApiRequest } from './api-request-check';
import type { Vault } from './vault-session';
import { apiHeaders } from './workfront-oauth';

/** A page's API call, with the session's access token, to Workfront's API alone. */
export async function callApi(
  vault: Vault,
  request: ApiRequest,
  signal: AbortSignal,
  bearer = false,
): Promise<ApiAnswer> {
  const refusal = checkApiRequest(request, vault.apiBase);
  const used = vault.tokens;
  if (refusal) throw new VaultError({ kind: 'refused', detail: refusal });
  if (!used) throw new VaultError({ kind: 'signed-out' });
  const headers = apiHeaders(used.access, bearer);
  if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  let response: Response;
  let body: string;
  try {
    response = await vault.rawFetch(request.url, {
      method: request.method,
      headers,
      body: request.form,
      signal,
      redirect: 'error', // a redirect would take the token to a URL the check never saw
    });
    body = await response.text();
  } catch (error) {
    if (signal.aborted) throw new VaultError({ kind: 'cancelled' });
    throw new VaultError({ kind: 'network', detail: String(error) });
  }
  return {
    status: response.status,
    retryAfter: response.headers.get('Retry-After'),
    headerNames: [...response.headers.keys()].sort(),
    body,
    credential: used.credential,
  };
}
