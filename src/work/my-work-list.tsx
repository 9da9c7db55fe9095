import { useCallback, useRef, type KeyboardEvent } from 'react';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import type { WorkfrontStatusLabel } from '../workfront';
import type { WorkListRow } from './due-groups';
import { messages } from './messages';
import { useWindowRows } from './window-rows';
import { WorkItemRow } from './work-item-row';

/** Fixed row heights (see app.css) let the virtual list place rows without measuring them. */
const groupRowHeight = 40;
const itemRowHeight = 64;

/** My work's items under their due-date groups; only the rows near the viewport are rendered. */
export function MyWorkList({
  rows,
  workfrontLabel,
}: {
  rows: readonly WorkListRow[];
  workfrontLabel: WorkfrontStatusLabel;
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
              <WorkItemRow item={row.item} workfrontLabel={workfrontLabel} />
            )}
          </div>
        );
      })}
    </div>
  );
}
