import { lazy, Suspense, useRef } from 'react';
import { SkeletonRows } from '../components/skeleton';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';
import {
  keyOf,
  moveBetweenRows,
  rowLink,
  WorkListEntry,
  type WorkListProps,
} from './work-list-entry';

/**
 * Up to this many rows, every row is in the page: the browser's find and a screen reader see the
 * whole list. Beyond it, a window of rows (windowed-work-list.tsx), whose code loads only then.
 */
export const plainListLimit = 400;

const WindowedWorkList = lazy(() => import('./windowed-work-list'));

/** My work's items under their due-date groups. */
export function MyWorkList(props: WorkListProps) {
  const t = useMessages(messages);
  const listRef = useRef<HTMLDivElement>(null);
  if (props.rows.length > plainListLimit) {
    return (
      <Suspense fallback={<SkeletonRows count={8} label={t('loading')} />}>
        <WindowedWorkList {...props} />
      </Suspense>
    );
  }
  return (
    <div
      ref={listRef}
      className="work-list"
      role="list"
      aria-label={t('listLabel')}
      onKeyDown={(event) => {
        moveBetweenRows(event, props.rows, (index) => rowLink(listRef, index)?.focus());
      }}
    >
      {props.rows.map((row, index) => (
        <WorkListEntry key={keyOf(row)} {...props} row={row} index={index} />
      ))}
    </div>
  );
}
