/** Workfront's response envelopes: `{"data": …}` on success, `{"error": {…}}` on failure. */

/** A failure that the API answers with Workfront's error envelope. */
export class WorkfrontApiError extends Error {
  constructor(
    readonly status: number,
    readonly className: string,
    readonly msgKey: string,
    message: string,
  ) {
    super(message);
  }

  toEnvelope() {
    return {
      error: {
        class: this.className,
        message: this.message,
        title: null,
        msgKey: this.msgKey,
        attributes: [],
        code: 0,
      },
    };
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
