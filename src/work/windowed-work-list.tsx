import { useCallback, useRef } from 'react';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';
import {
  keyOf,
  moveBetweenRows,
  rowLink,
  WorkListEntry,
  type WorkListProps,
} from './work-list-entry';
import { useWindowRows } from './window-rows';

/** Fixed row heights (see app.css) let the window place rows without measuring them. */
const groupRowHeight = 40;
const itemRowHeight = 64;

/** A long My work: only the rows near the viewport are rendered (window-rows.ts). */
export default function WindowedWorkList(props: WorkListProps) {
  const { rows } = props;
  const t = useMessages(messages);
  const listRef = useRef<HTMLDivElement>(null);
  const heightOf = useCallback(
    (index: number) => (rows[index]?.type === 'group' ? groupRowHeight : itemRowHeight),
    [rows],
  );
  const windowRows = useWindowRows(listRef, rows.length, heightOf);

  /** A row far away is rendered only after the scroll: focus it then. */
  function goTo(index: number) {
    windowRows.scrollToIndex(index);
    const link = rowLink(listRef, index);
    if (link) link.focus();
    else requestAnimationFrame(() => rowLink(listRef, index)?.focus());
  }

  return (
    <div
      ref={listRef}
      className="work-list work-list-windowed"
      role="list"
      aria-label={t('listLabel')}
      style={{ height: windowRows.totalHeight }}
      onKeyDown={(event) => {
        moveBetweenRows(event, rows, goTo);
      }}
    >
      {windowRows.visible.map(({ index, top }) => {
        const row = rows[index];
        return (
          row && <WorkListEntry key={keyOf(row)} {...props} row={row} index={index} top={top} />
        );
      })}
    </div>
  );
}
