import type { ReactNode } from 'react';
import { EmptyPanel } from './empty-panel';
import { ErrorPanel } from './error-panel';
import { SkeletonRows } from './skeleton';
import { useWorkfrontLabels } from './workfront-labels';

/** The states of a query that a screen shows; a TanStack Query result is one. */
export type QueryView<Data> =
  | { status: 'pending'; failureCount?: number }
  | { status: 'error'; error: Error; refetch: () => Promise<unknown> }
  | { status: 'success'; data: Data };

interface EmptyMessage {
  message: string;
  /** A section under its own heading says it in a muted line; a screen's list, in a panel. */
  inSection?: boolean;
}

interface QueryStateProps<Data> {
  query: QueryView<Data>;
  /** Placeholder rows while it loads, and what loads, in words: "Loading tasks". */
  loading: { rows: number; label: string };
  /** What failed to load, in words, for the error panel and its Retry: "Tasks". */
  what: string;
  /** What to say, instead of the children, when the data is an empty list. */
  empty?: Data extends readonly unknown[] ? EmptyMessage : never;
  children: (data: Data) => ReactNode;
}

/**
 * A screen's data as it arrives: placeholder rows while it loads, what failed with a Retry that
 * asks Workfront again, the empty message, else the children with the data.
 */
export function QueryState<Data>({ query, loading, what, empty, children }: QueryStateProps<Data>) {
  switch (query.status) {
    case 'pending':
      return (
        <>
          {(query.failureCount ?? 0) > 0 && <SlowNotice />}
          <SkeletonRows count={loading.rows} label={loading.label} />
        </>
      );
    case 'error':
      return <ErrorPanel error={query.error} what={what} onRetry={() => void query.refetch()} />;
    case 'success':
      if (empty && Array.isArray(query.data) && query.data.length === 0) {
        return empty.inSection ? (
          <p className="muted">{empty.message}</p>
        ) : (
          <EmptyPanel message={empty.message} />
        );
      }
      return children(query.data);
  }
}

/** Workfront failed once and is asked again (retry-policy.ts): the wait is not silent. */
export function SlowNotice() {
  const labels = useWorkfrontLabels();
  return (
    <p className="muted" role="status">
      {labels.slow()}
    </p>
  );
}
