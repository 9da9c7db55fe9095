/**
 * The one pager of every Workfront list. Whether a list, `work/myWork` above all, honours
 * `$$FIRST` and `$$LIMIT` is undocumented, so the pager never trusts it to: each page is checked
 * by the rules of `nextPageOffset` before the next is asked for.
 */

/** Workfront's largest page; more is an error. */
export const pageSize = 2000;

/**
 * A bound on pages, for a server that keeps sending new ones: 100,000 items, the most the
 * emulator seeds for one user and far more open work than one person has. At 50 sequential
 * requests it also bounds how long a misbehaving instance keeps a screen loading.
 */
export const maxPages = 50;

export interface PageParams {
  $$FIRST: number;
  $$LIMIT: number;
}

/** The query parameters that ask for the page at `first`. */
export const pageParams = (first: number): PageParams => ({ $$FIRST: first, $$LIMIT: pageSize });

/**
 * Where the next page of a list starts, or undefined when the list is complete. A page shorter
 * than asked is the last. A longer one means that Workfront ignored `$$LIMIT` and sent everything;
 * one that repeats the page before means that it ignored `$$FIRST`: asking again would loop.
 */
export function nextPageOffset(
  pages: readonly (readonly { id: string }[])[],
  lastOffset: number,
): number | undefined {
  const last = pages.at(-1) ?? [];
  if (last.length !== pageSize || pages.length >= maxPages) return undefined;
  const before = new Set(pages.at(-2)?.map((item) => item.id));
  if (last.every((item) => before.has(item.id))) return undefined;
  return lastOffset + pageSize;
}

/** The items of all pages, each once: a repeated page, or an overlap between pages, drops out. */
export function uniqueItems<T extends { id: string }>(pages: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  return pages.flat().filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

/** Every item of a list, each once, asking page after page until `nextPageOffset` stops. */
export async function allPages<T extends { id: string }>(
  fetchPage: (params: PageParams) => Promise<readonly T[]>,
): Promise<T[]> {
  const pages: (readonly T[])[] = [];
  let first: number | undefined = 0;
  while (first !== undefined) {
    pages.push(await fetchPage(pageParams(first)));
    first = nextPageOffset(pages, first);
  }
  return uniqueItems(pages);
}
