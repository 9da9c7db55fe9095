/**
 * The callback document's one script (deploy/callback-document.ts builds it, with nothing else,
 * into the page that Workfront redirects back to). The code in the address bar must never meet
 * the app's own scripts, or the libraries inside them: a compromised dependency would redeem it
 * first. So this runs alone, under a CSP that allows only it: it wipes the code from the address
 * bar, hands it with this tab's pending sign-in to the token vault, and only once the vault has
 * spent the code does it load the app into this page, which keeps the vault (a per-tab vault
 * lives only as long as its page). A failure leaves for a fresh document instead, whose history
 * and performance timeline hold no code, and the app there explains what happened.
 */
import { loadAppConfig } from '../../config/app-config';
import { completeCallback } from './callback-exchange';
import type { FlowEvent } from '../flow-events';
import { handOverVault, openVault } from './vault-connection';
import { connectRequest } from '../vault-protocol';
import { vaultSettings } from '../vault-settings';

/** The app's entry module, set by the build (deploy/callback-document.ts). */
declare const WORKFRONT_APP_ENTRY: string;

/**
 * Loads the app as a script element this script inserts: the CSP's `strict-dynamic` trusts what
 * a trusted script inserts, and not an `import()` from a script trusted by its hash. Trusted
 * Types let this one URL through, under a policy of the callback document's own.
 */
function loadApp(): Promise<void> {
  const entry = WORKFRONT_APP_ENTRY;
  const policy = window.trustedTypes?.createPolicy('workfront-callback', {
    createScriptURL: (url) => {
      if (url !== entry) throw new TypeError(`Not the app's entry: ${url}`);
      return url;
    },
  });
  const script = document.createElement('script');
  script.type = 'module';
  // A TrustedScriptURL where the browser enforces Trusted Types.
  script.src = (policy?.createScriptURL(entry) ?? entry) as string;
  return new Promise((resolve, reject) => {
    script.addEventListener('load', () => {
      resolve();
    });
    script.addEventListener('error', () => {
      reject(new Error(`The app's code did not load: ${entry}`));
    });
    document.head.append(script);
  });
}

/** The app's code did not load (offline, or a release replaced it): say so, with a way on. */
function appNotLoaded() {
  const status = document.getElementById('callback-status');
  if (!status) return;
  const again = document.createElement('a');
  again.href = location.pathname;
  again.textContent = 'Try again';
  status.replaceChildren("The app's code could not load. ", again);
  status.parentElement?.removeAttribute('aria-busy');
}

async function main() {
  const href = location.href;
  history.replaceState(null, '', location.pathname);
  const params = new URL(href).searchParams;
  if (!params.has('code') && !params.has('error')) {
    // No code here: the fresh document after a failure, or a visit. The app explains either.
    handOverVault();
    // Not a reload: it would load this document again, and fail again, without end.
    await loadApp().catch(appNotLoaded);
    return;
  }
  const steps: FlowEvent[] = [];
  const open = async () => {
    // The copy the start page revalidated moments ago: no round trip, and the configuration
    // the sign-in began with.
    const config = await loadAppConfig(
      {
        workfrontUrl: import.meta.env.VITE_WORKFRONT_URL,
        clientId: import.meta.env.VITE_WORKFRONT_CLIENT_ID,
        apiVersion: import.meta.env.VITE_WORKFRONT_API_VERSION,
      },
      { cache: 'force-cache' },
    );
    const vault = openVault(config.clientId, (notice) => {
      if (notice.type === 'flow') steps.push(notice.event);
    });
    await vault.request(connectRequest(vaultSettings(config, origin)));
    return { stateEcho: config.stateEcho, observe: config.inspector, vault };
  };
  const storage = { storage: sessionStorage, flagStorage: localStorage };
  const returnTo = await completeCallback(href, { ...storage, open, steps, origin });
  if (returnTo === undefined) {
    location.replace(location.pathname);
    return;
  }
  // The code is spent: the app's scripts may run now, in this page, with its vault.
  history.replaceState(null, '', returnTo);
  handOverVault();
  // If they cannot load, the browser loads the page itself (no longer this document).
  await loadApp().catch(() => {
    location.reload();
  });
}

void main();
