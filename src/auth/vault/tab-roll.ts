import type { VaultMessage } from '../vault-protocol';

/** A page's end of the conversation: a MessagePort, or a dedicated worker's own scope. */
export interface PagePort {
  postMessage: (message: VaultMessage) => void;
}

/** How long a page has to answer a roll call before it is left out of the count of tabs. */
export const rollCallMs = 2_000;
/** How often the vault calls the roll after the one of a page that connected. */
export const rollCallEveryMs = 30_000;

/**
 * The pages connected to one vault: the tabs it counts, and tells. A page says `disconnect` on
 * pagehide, but an engine may drop what a page sends as it unloads (Firefox ESR 153.8 did, on
 * reloads): so the vault also asks every page who is there when one connects, and every half
 * minute after, and a page that has not answered (`heard`) within rollCallMs is `missing`,
 * neither counted nor told. One that answers late was only busy: it is counted and told again.
 * `changed`: the count changed, for the vault to tell every page.
 */
export function createTabRoll(changed: () => void) {
  const pages = new Set<PagePort>();
  const heard = new Set<PagePort>();
  const missing = new Set<PagePort>();
  let nextRollCall: ReturnType<typeof setTimeout> | undefined;

  const broadcast = (message: VaultMessage) => {
    pages.forEach((page) => {
      page.postMessage(message);
    });
  };

  function rollCall() {
    clearTimeout(nextRollCall);
    heard.clear();
    broadcast({ type: 'roll-call' });
    nextRollCall = setTimeout(() => {
      pages.forEach((page) => {
        if (!heard.has(page)) {
          pages.delete(page);
          missing.add(page);
        }
      });
      changed();
      nextRollCall = setTimeout(rollCall, rollCallEveryMs);
    }, rollCallMs);
  }

  return {
    broadcast,
    count: () => pages.size,
    join(page: PagePort) {
      pages.add(page);
      changed();
      rollCall();
    },
    here(page: PagePort) {
      heard.add(page);
      if (missing.delete(page)) {
        pages.add(page);
        changed();
      }
    },
    leave(page: PagePort) {
      pages.delete(page);
      missing.delete(page);
      changed();
    },
  };
}
