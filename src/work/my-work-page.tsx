import { useInfiniteQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { formatDate, formatPercent, priorityLabel, statusLabel } from '../components/format';
import { SkeletonRows } from '../components/skeleton';
import { myWorkQuery, type WorkItem } from '../workfront/work-items';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { dueGroupLabels, filterWork, toWorkListRows, type WorkFilter } from './due-groups';

/** Fixed row heights (see app.css) let the virtual list place rows without measuring them. */
const groupRowHeight = 40;
const itemRowHeight = 64;

export function MyWorkPage() {
  const client = useWorkfrontClient();
  const work = useInfiniteQuery(myWorkQuery(client));
  const [filter, setFilter] = useState<WorkFilter>({ text: '', status: '' });
  const [now] = useState(() => new Date());

  // Workfront pages at 2000 items; keep reading until the whole list is here.
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = work;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const items = useMemo(() => work.data?.pages.flat() ?? [], [work.data]);
  const statuses = useMemo(() => [...new Set(items.map((item) => item.status))].sort(), [items]);
  const rows = useMemo(() => toWorkListRows(filterWork(items, filter), now), [items, filter, now]);
  const firstLoadFailed = work.isError && items.length === 0;

  return (
    <main className="page">
      <div className="page-heading">
        <h1>My work</h1>
        {work.isFetching && !work.isPending && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>
      <div className="filters" role="search">
        <label>
          Filter
          <input
            type="search"
            value={filter.text}
            placeholder="Name or project"
            onChange={(event) => {
              setFilter({ ...filter, text: event.target.value });
            }}
          />
        </label>
        <label>
          Status
          <select
            value={filter.status}
            onChange={(event) => {
              setFilter({ ...filter, status: event.target.value });
            }}
          >
            <option value="">All statuses</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* The count line stays in place from loading to loaded: the list never jumps under it,
          and its change of text is announced. */}
      {!firstLoadFailed && (
        <p className="muted" role="status">
          {work.isPending
            ? 'Loading your work…'
            : hasNextPage
              ? `${items.length} items loaded, loading more…`
              : `${rows.length - countGroups(rows)} of ${items.length} items`}
        </p>
      )}
      {work.isPending ? (
        <SkeletonRows count={8} label="Loading your work" />
      ) : firstLoadFailed ? (
        <ErrorPanel error={work.error} what="Your work" onRetry={() => void work.refetch()} />
      ) : (
        <>
          {/* With items on screen, either a next page or a refresh of the whole list failed. */}
          {work.isFetchNextPageError ? (
            <ErrorPanel
              error={work.error}
              what="The rest of your work"
              onRetry={() => void work.fetchNextPage()}
            />
          ) : (
            work.isError && (
              <ErrorPanel
                error={work.error}
                what="The latest version of your work"
                onRetry={() => void work.refetch()}
              />
            )
          )}
          {items.length === 0 ? (
            <div className="panel empty-state">
              <p>
                Nothing is assigned to you. When someone assigns you a task or an issue in
                Workfront, it appears here.
              </p>
            </div>
          ) : rows.length === 0 ? (
            <div className="panel empty-state">
              <p>No work matches this filter.</p>
              <button
                type="button"
                onClick={() => {
                  setFilter({ text: '', status: '' });
                }}
              >
                Clear the filter
              </button>
            </div>
          ) : (
            <WorkList rows={rows} />
          )}
        </>
      )}
    </main>
  );
}

function countGroups(rows: ReturnType<typeof toWorkListRows>) {
  return rows.filter((row) => row.type === 'group').length;
}

function WorkList({ rows }: { rows: ReturnType<typeof toWorkListRows> }) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.type === 'group' ? groupRowHeight : itemRowHeight),
    overscan: 8,
    scrollMargin,
  });

  /** Arrow keys, Home and End move between rows, including rows not rendered yet. */
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = Number(
      (event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index'),
    );
    if (Number.isNaN(current)) return;
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -rows.length, End: rows.length }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    let target = Math.min(rows.length - 1, Math.max(0, current + step));
    while (rows[target]?.type === 'group' && target > 0 && target < rows.length - 1) {
      target += step > 0 ? 1 : -1;
    }
    if (rows[target]?.type === 'group') target += 1;
    const rowLink = () =>
      listRef.current?.querySelector<HTMLElement>(`[data-index="${target}"] a`) ?? undefined;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // Focus at once when the row is rendered, so that the next key press starts from it; a row
    // far away is rendered after the scroll.
    const link = rowLink();
    if (link) link.focus();
    else requestAnimationFrame(() => rowLink()?.focus());
  }

  return (
    <div
      ref={listRef}
      className="work-list"
      role="list"
      aria-label="My work"
      style={{ height: virtualizer.getTotalSize() }}
      onKeyDown={onKeyDown}
    >
      {virtualizer.getVirtualItems().map((virtualRow) => {
        const row = rows[virtualRow.index];
        if (!row) return null;
        return (
          <div
            key={row.type === 'group' ? row.group : `${row.item.kind}-${row.item.id}`}
            role="listitem"
            data-index={virtualRow.index}
            className={row.type === 'group' ? 'work-group' : 'work-row'}
            style={{ transform: `translateY(${virtualRow.start - scrollMargin}px)` }}
          >
            {row.type === 'group' ? (
              <h2>
                {dueGroupLabels[row.group]} <span className="muted">({row.count})</span>
              </h2>
            ) : (
              <WorkRow item={row.item} />
            )}
          </div>
        );
      })}
    </div>
  );
}

function WorkRow({ item }: { item: WorkItem }) {
  return (
    <>
      <Link to={`/work/${item.kind}/${item.id}`} className="work-row-name">
        {item.name}
      </Link>
      <span className="work-row-meta">
        <span className={`status status-${item.status.split(':')[0] ?? ''}`}>
          {statusLabel(item.status)}
        </span>
        <span>{formatPercent(item.percentComplete)}</span>
        <span>{item.kind === 'issue' ? 'Issue' : 'Task'}</span>
        {item.project && <span className="work-row-project">{item.project.name}</span>}
        <span>Priority: {priorityLabel(item.priority)}</span>
        {item.dueDate && <span>Due {formatDate(item.dueDate)}</span>}
      </span>
    </>
  );
}
