import type { KeyboardEvent, RefObject } from 'react';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import type { WorkfrontStatusLabel } from '../workfront';
import type { WorkListRow } from './due-groups';
import { messages } from './messages';
import { WorkItemRow } from './work-item-row';

/** What both forms of My work's list (my-work-list.tsx, windowed-work-list.tsx) share. */
export interface WorkListProps {
  rows: readonly WorkListRow[];
  workfrontLabel: WorkfrontStatusLabel;
  now: Date;
}

export const keyOf = (row: WorkListRow) =>
  row.type === 'group' ? row.group : `${row.item.kind}-${row.item.id}`;

export function rowLink(listRef: RefObject<HTMLElement | null>, index: number) {
  return listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`) ?? undefined;
}

/** Arrow keys, Home and End move between item rows, over the group headings. */
export function moveBetweenRows(
  event: KeyboardEvent<HTMLElement>,
  rows: readonly WorkListRow[],
  goTo: (index: number) => void,
) {
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
  goTo(target);
}

/** A group heading or an item row, at `index` in the list; `top` places it in a window. */
export function WorkListEntry({
  row,
  index,
  top,
  workfrontLabel,
  now,
}: Omit<WorkListProps, 'rows'> & { row: WorkListRow; index: number; top?: number }) {
  const t = useMessages(messages);
  const format = useFormat();
  return (
    <div
      role="listitem"
      data-index={index}
      className={row.type === 'group' ? 'work-group' : 'work-row'}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
    >
      {row.type === 'group' ? (
        <h2>
          {t(`group.${row.group}`)} <span className="muted">({format.number(row.count)})</span>
        </h2>
      ) : (
        <WorkItemRow item={row.item} workfrontLabel={workfrontLabel} now={now} />
      )}
    </div>
  );
}
