import { STATUS_CODES } from 'node:http';
import type { Settings } from '../settings.ts';

/** RFC 6749 section 5.2, plus server_error and temporarily_unavailable for injected faults. */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'server_error'
  | 'temporarily_unavailable';

export interface TokenError {
  error: TokenErrorCode;
  description: string;
}

export const tokenError = (error: TokenErrorCode, description: string): TokenError => ({
  error,
  description,
});

export function tokenErrorStatus(failure: TokenError): 400 | 401 | 500 | 503 {
  if (failure.error === 'invalid_client') return 401;
  if (failure.error === 'temporarily_unavailable') return 503;
  return failure.error === 'server_error' ? 500 : 400;
}

/**
 * RFC 6749 JSON, or the `{statusCode, error, type, message}` shape that third-party Workfront
 * clients parse (Workfront itself documents no token errors). bb-io/AdobeWorkfront's
 * TokenErrorDto.cs reads `error` as a boolean; other clients print it as text.
 */
export function tokenErrorBody(
  failure: TokenError,
  status: number,
  style: Settings['tokenErrorStyle'],
): Record<string, string | number | boolean> {
  if (style === 'rfc6749') return { error: failure.error, error_description: failure.description };
  return {
    statusCode: status,
    error: style === 'workfront-boolean' ? true : (STATUS_CODES[status] ?? 'Error'),
    type: failure.error,
    message: failure.description,
  };
}
