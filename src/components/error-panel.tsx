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
