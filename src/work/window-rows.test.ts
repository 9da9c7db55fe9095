import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWindowRows } from './window-rows';

const rowHeight = 64;
const heightOf = () => rowHeight;

/** A list element whose top is `listTop` pixels from the top of the viewport. */
function listAt(listTop: number) {
  const list = document.createElement('div');
  list.getBoundingClientRect = () => ({ top: listTop }) as DOMRect;
  return { current: list };
}

describe('useWindowRows', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders only the rows near the viewport, with their offsets', () => {
    // Scrolled 6,400 px into the list: rows 100 to 112 are on screen (768 px viewport).
    const { result } = renderHook(() => useWindowRows(listAt(-6400), 10_000, heightOf));
    const indexes = result.current.visible.map((row) => row.index);
    const first = Math.floor((6400 - 480) / rowHeight);
    expect(indexes[0]).toBe(first);
    expect(indexes.at(-1)).toBe(Math.floor((6400 + innerHeight + 480) / rowHeight));
    expect(indexes.length).toBeLessThan(40);
    expect(result.current.visible[0]?.top).toBe(first * rowHeight);
    expect(result.current.totalHeight).toBe(10_000 * rowHeight);
  });

  it('starts at the first row above the list, and stops at the last row', () => {
    const { result } = renderHook(() => useWindowRows(listAt(300), 5, heightOf));
    expect(result.current.visible.map((row) => row.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows the page as it scrolls', () => {
    const list = listAt(0);
    const { result } = renderHook(() => useWindowRows(list, 10_000, heightOf));
    expect(result.current.visible[0]?.index).toBe(0);

    list.current.getBoundingClientRect = () => ({ top: -64_000 }) as DOMRect;
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      callback(0);
      return 1;
    });
    act(() => {
      window.dispatchEvent(new Event('scroll'));
    });
    expect(result.current.visible[0]?.index).toBe(Math.floor((64_000 - 480) / rowHeight));
  });

  it('scrolls just enough to show a row below the viewport', () => {
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    const { result } = renderHook(() => useWindowRows(listAt(0), 10_000, heightOf));
    act(() => {
      result.current.scrollToIndex(50);
    });
    expect(scrollTo).toHaveBeenCalledWith({ top: 51 * rowHeight - innerHeight });
  });
});
