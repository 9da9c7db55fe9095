import { isNotFound } from '../workfront';
import { useWorkfrontLabels } from './workfront-labels';

export function ErrorPanel({
  error,
  what,
  onRetry,
}: {
  error: Error;
  /** What failed to load, in words, e.g. "Your work". */
  what: string;
  onRetry: () => void;
}) {
  const labels = useWorkfrontLabels();
  if (isNotFound(error)) {
    // Asking again cannot help: the page's own way back is the way on.
    return (
      <div className="panel error-panel" role="alert">
        <p>
          <strong>{labels.notFound(what)}</strong>
        </p>
      </div>
    );
  }
  return (
    <div className="panel error-panel" role="alert">
      <p>
        <strong>{labels.couldNotLoad(what)}</strong> {labels.apiError(error)}
      </p>
      <button type="button" onClick={onRetry}>
        {labels.retry()}
      </button>
    </div>
  );
}
