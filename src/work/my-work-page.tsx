import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigationType, useSearchParams } from 'react-router';
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
import { usePageTitle } from '../components/use-page-title';

const filterOf = (params: URLSearchParams): WorkFilter => ({
  text: params.get('q') ?? '',
  status: params.get('status') ?? '',
});
const searchOf = ({ text, status }: WorkFilter) =>
  new URLSearchParams({ ...(text && { q: text }), ...(status && { status }) }).toString();

/**
 * The filter, kept in the address too (`/work?q=launch&status=INP`): Back, a reload, a shared link
 * and the item page's "← My work" bring it back. The inputs read this page's own state: the
 * router updates the address a moment later, and an input bound to it would lose keystrokes. The
 * page's own writes replace the history entry; an entry reached otherwise (the "My work" link)
 * brings its own filter.
 */
function useFilterInUrl(): [WorkFilter, (filter: WorkFilter) => void, string] {
  const [params, setParams] = useSearchParams();
  const { key } = useLocation();
  // PUSH, POP or REPLACE, as a string: the enum itself would add to every page's code.
  const navigation: string = useNavigationType();
  // `from`: the entry the filter was last taken from, which the search box is drawn anew for.
  const [kept, setKept] = useState({ filter: filterOf(params), key, from: key });
  if (key !== kept.key) {
    // As an update of the state it is given: a keystroke not yet applied is kept, not replaced.
    setKept((previous) =>
      navigation === 'REPLACE'
        ? { ...previous, key }
        : { filter: filterOf(params), key, from: key },
    );
  }
  const setFilter = (filter: WorkFilter) => {
    setKept((previous) => ({ ...previous, filter }));
    setParams(searchOf(filter), { replace: true });
  };
  return [kept.filter, setFilter, kept.from];
}

export function MyWorkPage() {
  const client = useWorkfrontClient();
  const work = useInfiniteQuery(myWorkQuery(client));
  const t = useMessages(messages);
  usePageTitle(t('title'));
  const format = useFormat();
  const workfrontLabel = useWorkfrontStatusLabel(client);
  const [filter, setFilter, filterFrom] = useFilterInUrl();
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
        // Drawn anew only for a filter taken from the address (my-work-filters.tsx).
        key={filterFrom}
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
                {/* A new entry, as a link to My work is: Back brings the filter back. */}
                <Link to="/work">{t('clearFilter')}</Link>
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
