import { WorkfrontApiError } from '../workfront/workfront-errors';

/** What a failed Workfront request means to the user. Workfront's own words are shown as text. */
export function describeApiError(error: Error): string {
  if (!(error instanceof WorkfrontApiError)) return `Something went wrong: ${error.message}`;
  switch (error.kind) {
    case 'network':
      return 'Workfront could not be reached. Check your connection.';
    case 'http':
      return `Workfront could not answer (HTTP ${error.details.status ?? '?'}).`;
    case 'malformed':
      return error.message;
    case 'authentication':
      return 'Workfront did not accept your session.';
    case 'workfront':
      return `Workfront refused the request: ${error.message}`;
  }
}

export function ErrorPanel({
  error,
  what,
  onRetry,
}: {
  error: Error;
  what: string;
  onRetry: () => void;
}) {
  return (
    <div className="panel error-panel" role="alert">
      <p>
        <strong>{what} could not be loaded.</strong> {describeApiError(error)}
      </p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
