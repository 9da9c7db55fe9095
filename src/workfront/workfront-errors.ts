/** A failed call to Workfront's REST API, carrying what Workfront said. */
export class WorkfrontApiError extends Error {
  constructor(
    readonly kind: 'authentication' | 'workfront' | 'http' | 'malformed' | 'network',
    message: string,
    readonly details: { status?: number; errorClass?: string } = {},
  ) {
    super(message);
    this.name = 'WorkfrontApiError';
  }
}
