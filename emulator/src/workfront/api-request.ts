import type { HonoRequest } from 'hono';
import { invalidParameterError } from './envelope.ts';

const overridingMethods = ['GET', 'PUT', 'POST', 'DELETE'];

/** A request as the API reads it, whichever way the client sent its parameters. */
export interface ApiRequest {
  /** The HTTP method, or the `method` parameter that overrides it (api-basics.md), upper case. */
  method: string;
  /** The query, then a form body's fields. */
  params: URLSearchParams;
  /** A body that is not a form (the official client's edit sends the updates as JSON). */
  body: string;
}

const formType = 'application/x-www-form-urlencoded';

export function isFormRequest(request: Request): boolean {
  return (request.headers.get('content-type') ?? '').toLowerCase().startsWith(formType);
}

/**
 * Reads the parameters of the query and, for POST and PUT, of a form body. `method=PUT` on a GET
 * (the official client's alwaysUseGet) or `method=GET` in a POSTed form (its search with
 * useHttpPost, for queries too long for a URL) names the operation.
 */
export async function readApiRequest(request: HonoRequest): Promise<ApiRequest> {
  const params = new URL(request.url).searchParams;
  let body = '';
  if (request.method === 'POST' || request.method === 'PUT') {
    const text = await request.text();
    if (isFormRequest(request.raw)) {
      for (const [name, value] of new URLSearchParams(text)) params.append(name, value);
    } else {
      body = text;
    }
  }
  const override = params.get('method');
  if (override === null) return { method: request.method.toUpperCase(), params, body };
  const method = override.toUpperCase();
  if (!overridingMethods.includes(method)) {
    throw invalidParameterError(
      `method=${override} is not one of ${overridingMethods.join(', ')}.`,
    );
  }
  return { method, params, body };
}
