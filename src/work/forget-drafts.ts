/** The drafts' keys in sessionStorage start with this (work-item-draft.ts). */
export const draftPrefix = 'workfront.workItemDraft';

/**
 * Every draft of this tab, gone: the user signed out and takes what they typed with them. Apart
 * from work-item-draft.ts so that the data layer, which calls it, loads no more than this.
 */
export function forgetDrafts(storage?: Storage): void {
  try {
    const store = storage ?? window.sessionStorage;
    Object.keys(store)
      .filter((key) => key.startsWith(`${draftPrefix}:`))
      .forEach((key) => {
        store.removeItem(key);
      });
  } catch {
    // Storage may be unavailable (privacy settings): there is nothing to forget then.
  }
}
