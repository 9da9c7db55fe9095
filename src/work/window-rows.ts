import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

export interface WindowRows {
  /** The rows to render, with their offset from the top of the list. */
  visible: { index: number; top: number; height: number }[];
  totalHeight: number;
  /** Scrolls the page just enough to show row `index`, and renders it. */
  scrollToIndex: (index: number) => void;
}

/** How far beyond the viewport rows are rendered, so fast scrolling shows no gaps. */
const overscanPx = 480;

/** The last row whose top is at or above `y`. */
function rowAt(offsets: Float64Array, y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

/**
 * Windowing for a list of fixed-height rows that scrolls with the page: only the rows in or near
 * the viewport are in the DOM, so 10,000 items cost a few dozen nodes. Heights are known (they
 * are fixed in CSS), so offsets are computed, never measured. A library such as
 * @tanstack/react-virtual also measures rows of unknown height; this list does not need that.
 */
export function useWindowRows(
  listRef: RefObject<HTMLElement | null>,
  count: number,
  heightOf: (index: number) => number,
): WindowRows {
  const offsets = useMemo(() => {
    const result = new Float64Array(count + 1);
    for (let index = 0; index < count; index++) {
      result[index + 1] = (result[index] ?? 0) + heightOf(index);
    }
    return result;
  }, [count, heightOf]);
  const offsetsRef = useRef(offsets);
  const [range, setRange] = useState({ start: 0, end: 0 });

  const measure = useCallback(() => {
    const list = listRef.current;
    const current = offsetsRef.current;
    if (!list || current.length < 2) return;
    const top = -list.getBoundingClientRect().top;
    const start = rowAt(current, top - overscanPx);
    const end = Math.min(current.length - 1, rowAt(current, top + innerHeight + overscanPx) + 1);
    setRange((previous) =>
      previous.start === start && previous.end === end ? previous : { start, end },
    );
  }, [listRef]);

  useLayoutEffect(() => {
    offsetsRef.current = offsets;
    measure();
  }, [offsets, measure]);

  useLayoutEffect(() => {
    let frame = 0;
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
    };
  }, [measure]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const list = listRef.current;
      if (!list) return;
      const listTop = list.getBoundingClientRect().top + scrollY;
      const rowTop = listTop + (offsets[index] ?? 0);
      const rowBottom = listTop + (offsets[index + 1] ?? 0);
      if (rowTop < scrollY) scrollTo({ top: rowTop });
      else if (rowBottom > scrollY + innerHeight) scrollTo({ top: rowBottom - innerHeight });
      measure();
    },
    [listRef, offsets, measure],
  );

  const visible = [];
  for (let index = range.start; index < Math.min(range.end, count); index++) {
    const top = offsets[index] ?? 0;
    visible.push({ index, top, height: (offsets[index + 1] ?? top) - top });
  }
  return { visible, totalHeight: offsets[count] ?? 0, scrollToIndex };
}
