import { useLayoutEffect } from 'react';
import { useLocation } from 'react-router';

/** The page whose heading last took focus. The page the browser loaded leaves focus alone. */
let focusedPath: string | undefined;

/**
 * Names the page in the tab and in history ("Review press release · My work · Workfront"), and
 * after a navigation moves focus to the page's heading, where a screen reader starts a new page.
 * A name is `undefined` while it loads: both wait for it, so focus lands on the heading itself.
 */
export function usePageTitle(...names: (string | null | undefined)[]) {
  const { pathname } = useLocation();
  const ready = !names.includes(undefined);
  // `null`: a page with no name of its own, such as an item that failed to load.
  const title = [...names.filter(Boolean), 'Workfront'].join(' · ');
  // Before the browser takes input again: focus never moves under keys already being typed.
  useLayoutEffect(() => {
    if (!ready) return;
    document.title = title;
    if (focusedPath === pathname) return;
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (focusedPath !== undefined && heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    focusedPath = pathname;
  }, [ready, title, pathname]);
}
