import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyPanel } from '../components/empty-panel';
import { ErrorPanel } from '../components/error-panel';
import { QueryState, type QueryView } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import {
  useWorkfrontStatusLabel,
  myWorkQuery,
  useWorkfrontClient,
  type WorkItem,
} from '../workfront';
import {
  filterWork,
  toWorkListRows,
  weekStartOf,
  type WorkFilter,
  type WorkListRow,
} from './due-groups';
import { messages } from './messages';
import { MyWorkFilters } from './my-work-filters';
import { MyWorkList } from './my-work-list';

const filterOf = (params: URLSearchParams): WorkFilter => ({
  text: params.get('q') ?? '',
  status: params.get('status') ?? '',
});
const searchOf = ({ text, status }: WorkFilter) =>
  new URLSearchParams({ ...(text && { q: text }), ...(status && { status }) }).toString();

/**
 * The filter, kept in the address too (`/work?q=launch&status=INP`): Back, a reload, a shared link
 * and the item page's "← My work" bring it back. The inputs read this page's own state: the
 * router updates the address a moment later, and an input bound to it would lose keystrokes.
 * Each change replaces the history entry rather than adding one.
 */
function useFilterInUrl(): [WorkFilter, (filter: WorkFilter) => void] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const [kept, setKept] = useState({ filter: filterOf(params), search, written: [] as string[] });
  if (search !== kept.search) {
    // The address changed: by this page's own writes, arriving in order, or by a link (adopted).
    const ours = kept.written.indexOf(search);
    setKept({
      filter: ours === -1 ? filterOf(params) : kept.filter,
      search,
      written: ours === -1 ? [] : kept.written.slice(ours + 1),
    });
  }
  const setFilter = (filter: WorkFilter) => {
    const next = searchOf(filter);
    setKept((previous) => ({ ...previous, filter, written: [...previous.written, next] }));
    setParams(next, { replace: true });
  };
  return [kept.filter, setFilter];
}

export function MyWorkPage() {
  const client = useWorkfrontClient();
  const work = useInfiniteQuery(myWorkQuery(client));
  const t = useMessages(messages);
  const format = useFormat();
  const workfrontLabel = useWorkfrontStatusLabel(client);
  const [filter, setFilter] = useFilterInUrl();
  const [now] = useState(() => new Date());

  // Workfront pages at 2000 items; keep reading until the whole list is here.
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = work;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const items = useMemo(() => work.data ?? [], [work.data]);
  const statuses = useMemo(() => [...new Set(items.map((item) => item.status))].sort(), [items]);
  const { text, status } = filter;
  const rows = useMemo(
    () => toWorkListRows(filterWork(items, { text, status }), now, weekStartOf(navigator.language)),
    [items, text, status, now],
  );
  const firstLoadFailed = work.isError && items.length === 0;
  // Once items are on screen, a failed next page or refresh keeps them: see its panel below.
  const firstLoad: QueryView<WorkItem[]> =
    work.isPending || firstLoadFailed ? work : { status: 'success', data: items };

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
      <MyWorkFilters
        filter={filter}
        statuses={statuses}
        workfrontLabel={workfrontLabel}
        onChange={setFilter}
      />
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
      <QueryState
        query={firstLoad}
        loading={{ rows: 8, label: t('loading') }}
        what={t('what')}
        empty={{ message: t('nothingAssigned') }}
      >
        {() => (
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
            {rows.length === 0 ? (
              <EmptyPanel message={t('noMatch')}>
                <button
                  type="button"
                  onClick={() => {
                    setFilter({ text: '', status: '' });
                  }}
                >
                  {t('clearFilter')}
                </button>
              </EmptyPanel>
            ) : (
              <MyWorkList rows={rows} workfrontLabel={workfrontLabel} now={now} />
            )}
          </>
        )}
      </QueryState>
    </main>
  );
}

function countGroups(rows: readonly WorkListRow[]) {
  return rows.filter((row) => row.type === 'group').length;
}
