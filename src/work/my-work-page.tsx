import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { systemStatusOf, useWorkfrontStatusLabel } from '../workfront/work-item-statuses';
import { myWorkQuery, type WorkItem } from '../workfront/work-items';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { filterWork, toWorkListRows, type WorkFilter } from './due-groups';
import { messages } from './messages';
import { useWindowRows } from './window-rows';

/** Fixed row heights (see app.css) let the virtual list place rows without measuring them. */
const groupRowHeight = 40;
const itemRowHeight = 64;

export function MyWorkPage() {
  const client = useWorkfrontClient();
  const work = useInfiniteQuery(myWorkQuery(client));
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  const workfrontLabel = useWorkfrontStatusLabel(client);
  const [filter, setFilter] = useState<WorkFilter>({ text: '', status: '' });
  const [now] = useState(() => new Date());

  // Workfront pages at 2000 items; keep reading until the whole list is here.
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = work;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const items = useMemo(() => work.data ?? [], [work.data]);
  const statuses = useMemo(() => [...new Set(items.map((item) => item.status))].sort(), [items]);
  const rows = useMemo(() => toWorkListRows(filterWork(items, filter), now), [items, filter, now]);
  const firstLoadFailed = work.isError && items.length === 0;

  return (
    <main className="page">
      <div className="page-heading">
        <h1>{t('title')}</h1>
        {work.isFetching && !work.isPending && (
          <span className="muted" role="status">
            {t('updating')}
          </span>
        )}
      </div>
      <div className="filters" role="search">
        <label>
          {t('filter')}
          <input
            type="search"
            value={filter.text}
            placeholder={t('filterPlaceholder')}
            onChange={(event) => {
              setFilter({ ...filter, text: event.target.value });
            }}
          />
        </label>
        <label>
          {t('status')}
          <select
            value={filter.status}
            onChange={(event) => {
              setFilter({ ...filter, status: event.target.value });
            }}
          >
            <option value="">{t('allStatuses')}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {labels.status(status, workfrontLabel(status))}
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
            ? t('loading')
            : hasNextPage
              ? t('loadingMore', { loaded: format.number(items.length) })
              : t('count', {
                  shown: format.number(rows.length - countGroups(rows)),
                  total: format.number(items.length),
                })}
        </p>
      )}
      {work.isPending ? (
        <SkeletonRows count={8} label={t('loading')} />
      ) : firstLoadFailed ? (
        <ErrorPanel error={work.error} what={t('what')} onRetry={() => void work.refetch()} />
      ) : (
        <>
          {/* With items on screen, either a next page or a refresh of the whole list failed. */}
          {work.isFetchNextPageError ? (
            <ErrorPanel
              error={work.error}
              what={t('whatRest')}
              onRetry={() => void work.fetchNextPage()}
            />
          ) : (
            work.isError && (
              <ErrorPanel
                error={work.error}
                what={t('whatLatest')}
                onRetry={() => void work.refetch()}
              />
            )
          )}
          {items.length === 0 ? (
            <div className="panel empty-state">
              <p>{t('nothingAssigned')}</p>
            </div>
          ) : rows.length === 0 ? (
            <div className="panel empty-state">
              <p>{t('noMatch')}</p>
              <button
                type="button"
                onClick={() => {
                  setFilter({ text: '', status: '' });
                }}
              >
                {t('clearFilter')}
              </button>
            </div>
          ) : (
            <WorkList rows={rows} workfrontLabel={workfrontLabel} />
          )}
        </>
      )}
    </main>
  );
}

function countGroups(rows: ReturnType<typeof toWorkListRows>) {
  return rows.filter((row) => row.type === 'group').length;
}

type WorkfrontLabel = ReturnType<typeof useWorkfrontStatusLabel>;

function WorkList({
  rows,
  workfrontLabel,
}: {
  rows: ReturnType<typeof toWorkListRows>;
  workfrontLabel: WorkfrontLabel;
}) {
  const t = useMessages(messages);
  const format = useFormat();
  const listRef = useRef<HTMLDivElement>(null);
  const heightOf = useCallback(
    (index: number) => (rows[index]?.type === 'group' ? groupRowHeight : itemRowHeight),
    [rows],
  );
  const windowRows = useWindowRows(listRef, rows.length, heightOf);

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
    windowRows.scrollToIndex(target);
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
      aria-label={t('listLabel')}
      style={{ height: windowRows.totalHeight }}
      onKeyDown={onKeyDown}
    >
      {windowRows.visible.map((virtualRow) => {
        const row = rows[virtualRow.index];
        if (!row) return null;
        return (
          <div
            key={row.type === 'group' ? row.group : `${row.item.kind}-${row.item.id}`}
            role="listitem"
            data-index={virtualRow.index}
            className={row.type === 'group' ? 'work-group' : 'work-row'}
            style={{ transform: `translateY(${virtualRow.top}px)` }}
          >
            {row.type === 'group' ? (
              <h2>
                {t(`group.${row.group}`)}{' '}
                <span className="muted">({format.number(row.count)})</span>
              </h2>
            ) : (
              <WorkRow item={row.item} workfrontLabel={workfrontLabel} />
            )}
          </div>
        );
      })}
    </div>
  );
}

function WorkRow({ item, workfrontLabel }: { item: WorkItem; workfrontLabel: WorkfrontLabel }) {
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  return (
    <>
      <Link to={`/work/${item.kind}/${item.id}`} className="work-row-name">
        {item.name}
      </Link>
      <span className="work-row-meta">
        <span className={`status status-${systemStatusOf(item.status)}`}>
          {labels.status(item.status, workfrontLabel(item.status, item.kind))}
        </span>
        <span>{format.percent(item.percentComplete)}</span>
        <span>{t(item.kind)}</span>
        {item.project && <span className="work-row-project">{item.project.name}</span>}
        <span>{t('priority', { priority: labels.priority(item.priority) })}</span>
        {item.dueDate && <span>{t('due', { date: format.date(item.dueDate) })}</span>}
      </span>
    </>
  );
}
