/** Workfront's response envelopes: `{"data": …}` on success, `{"error": {…}}` on failure. */

/** A failure that the API answers with Workfront's error envelope. */
export class WorkfrontApiError extends Error {
  constructor(
    readonly status: number,
    readonly className: string,
    /** Null for an exception that is not Workfront's own: its envelope has class and message only. */
    readonly msgKey: string | null,
    message: string,
  ) {
    super(message);
  }

  toEnvelope() {
    const error = { class: this.className, message: this.message };
    if (this.msgKey === null) return { error };
    return { error: { ...error, title: null, msgKey: this.msgKey, attributes: [], code: 0 } };
  }
}

export function authenticationError(status: number): WorkfrontApiError {
  return new WorkfrontApiError(
    status,
    'com.attask.common.AuthenticationException',
    'exception.authentication',
    'You are not currently logged in.',
  );
}

/** Every refused input, from a bad filter to a bad update, is answered 422. */
export function invalidParameterError(message: string): WorkfrontApiError {
  return new WorkfrontApiError(
    422,
    'com.attask.common.InvalidParameterException',
    'exception.invalidparameter',
    message,
  );
}

/**
 * Workfront's own text for a field the object does not have, with the API model of the request:
 * "APIModel V17_0 does not support field statusLabel (Project)".
 */
export function unsupportedFieldError(
  apiModel: string,
  field: string,
  objectName: string,
): WorkfrontApiError {
  return illegalArgumentError(
    `APIModel ${apiModel} does not support field ${field} (${objectName})`,
  );
}

export function illegalArgumentError(message: string): WorkfrontApiError {
  return new WorkfrontApiError(422, 'java.lang.IllegalArgumentException', null, message);
}

export function notFoundError(message: string): WorkfrontApiError {
  return new WorkfrontApiError(
    404,
    'com.attask.common.NotFoundException',
    'exception.notfound',
    message,
  );
}

/** Workfront documents no status for this; 429 is what HTTP clients know to back off from. */
export function threadLimitError(limit: number): WorkfrontApiError {
  return new WorkfrontApiError(
    429,
    'com.attask.common.ApiThreadLimitException',
    'exception.apithreadlimit',
    `Too many concurrent API requests for this user: at most ${limit} may run at a time.`,
  );
}

export function dataResponse(data: unknown): Response {
  return jsonResponse({ data }, 200);
}

export function errorResponse(error: WorkfrontApiError): Response {
  return jsonResponse(error.toEnvelope(), error.status);
}

function jsonResponse(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
