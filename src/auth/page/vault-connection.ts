import vaultScriptUrl from '../vault/vault-worker.ts?worker&url';
import { AuthProblemError } from '../auth-errors';
import { VaultError } from '../vault-protocol';
import type {
  VaultEnvelope,
  VaultFailure,
  VaultKind,
  VaultMessage,
  VaultReplies,
  VaultRequest,
  VaultRequestType,
} from '../vault-protocol';

export interface VaultConnection {
  kind: VaultKind;
  /** The vault is gone or never started: every request, waiting or later, fails with `failure`. */
  fail: (failure: VaultFailure) => void;
  request: <T extends VaultRequestType>(
    request: Extract<VaultRequest, { type: T }>,
    signal?: AbortSignal,
  ) => Promise<VaultReplies[T]>;
}

/** The page's end of a channel to the vault: a SharedWorker's port, or a dedicated Worker. */
export interface VaultPort {
  postMessage: (message: VaultEnvelope) => void;
  addEventListener: (
    type: 'message',
    listener: (event: MessageEvent<VaultMessage>) => void,
  ) => void;
}

/** What the vault tells every page unasked: its state, and the flow inspector's events. */
export type VaultNotice = Extract<VaultMessage, { type: 'state' | 'flow' }>;

/** A vault failure as the error the screens explain. */
export function authError(failure: VaultFailure): AuthProblemError {
  switch (failure.kind) {
    case 'problem':
      return new AuthProblemError(failure.problem, failure.afterBounce);
    case 'network':
      return new AuthProblemError({ kind: 'network' });
    case 'signed-out':
    case 'bounce':
    case 'cancelled':
      return new AuthProblemError({ kind: 'signed-out' });
    case 'refused':
      return new AuthProblemError({ kind: 'unexpected', detail: failure.detail });
  }
}

/** Talks to a vault over `port`: one reply per request, matched by id; the rest are notices. */
export function connectTo(
  port: VaultPort,
  kind: VaultKind,
  onNotice: (notice: VaultNotice) => void,
) {
  let lastId = 0;
  let failed: VaultFailure | undefined;
  const waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  port.addEventListener('message', ({ data }) => {
    if (data.type === 'reply') {
      const reply = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.ok) reply?.resolve(data.value);
      else reply?.reject(new VaultError(data.failure));
    } else if (data.type === 'roll-call') {
      // The vault counts the pages that answer (vault-worker.ts): this one is still here.
      port.postMessage({ type: 'here', id: 0 });
    } else onNotice(data);
  });
  const connection: VaultConnection = {
    kind,
    fail(failure) {
      failed = failure;
      waiting.forEach(({ reject }) => {
        reject(new VaultError(failure));
      });
      waiting.clear();
    },
    request(request, signal) {
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        if (failed) {
          reject(new VaultError(failed));
          return;
        }
        if (signal?.aborted) {
          reject(signal.reason as Error);
          return;
        }
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        signal?.addEventListener('abort', () => {
          if (!waiting.delete(id)) return;
          port.postMessage({ type: 'cancel', call: id, id: ++lastId });
          reject(signal.reason as Error);
        });
        port.postMessage({ ...request, id });
      });
    },
  };
  return connection;
}

/** The part of the Trusted Types API used here (not in TypeScript's DOM library yet). */
interface TrustedTypes {
  createPolicy: (
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ) => { createScriptURL: (url: string) => unknown };
}
declare global {
  interface Window {
    trustedTypes?: TrustedTypes;
  }
}

interface OpenedVault {
  port: MessagePort | Worker;
  kind: VaultKind;
}

/**
 * What the callback document leaves to the app it then loads into the same page: the vault's
 * script URL, already through the Trusted Types policy (which a page may make only once), and
 * the vault it opened, if it did.
 */
interface VaultHandover {
  scriptUrl: string;
  opened?: OpenedVault;
}
const handoverKey = Symbol.for('workfront.vault-handover');

function takeHandover(): VaultHandover | undefined {
  const store = window as unknown as Record<symbol, VaultHandover | undefined>;
  const handover = store[handoverKey];
  Reflect.deleteProperty(window, handoverKey);
  return handover;
}

let handover = typeof window === 'undefined' ? undefined : takeHandover();

/**
 * The one script URL a worker may be started from, under the Trusted Types policy that CSP
 * allows (deploy/security-headers.ts): nothing else in the page can start a worker. Made as this
 * module loads, before any script that loads later could take the policy's name; in the page a
 * callback document became, the callback document made it.
 */
function trustedVaultScript(): string {
  const policy = window.trustedTypes?.createPolicy('workfront-vault', {
    createScriptURL: (url) => {
      if (url !== vaultScriptUrl) throw new TypeError(`Not the token vault's script: ${url}`);
      return url;
    },
  });
  // A TrustedScriptURL where the browser enforces Trusted Types; Worker takes it as a string.
  return (policy?.createScriptURL(vaultScriptUrl) ?? vaultScriptUrl) as string;
}
const vaultScript =
  typeof window === 'undefined' ? vaultScriptUrl : (handover?.scriptUrl ?? trustedVaultScript());

/** The vault this page opened last: what a callback document hands over. */
let opened: OpenedVault | undefined;

/** Leaves the vault this page opened to the app code loaded next into the same page. */
export function handOverVault() {
  const left: VaultHandover = { scriptUrl: vaultScript, ...(opened ? { opened } : {}) };
  Object.defineProperty(window, handoverKey, { value: left, configurable: true });
}

/**
 * Starts the vault: shared by every tab of the origin where SharedWorker exists, else one per tab.
 * Named for the client, so that two apps on one origin never share tokens. A vault the callback
 * document opened in this page is taken over instead: a per-tab one holds this page's tokens.
 */
export function openVault(
  clientId: string,
  onNotice: (notice: VaultNotice) => void,
): VaultConnection {
  const handed = handover?.opened;
  handover = undefined;
  if (handed) {
    opened = handed;
    return connectTo(handed.port, handed.kind, onNotice);
  }
  const name = `workfront-token-vault:${clientId}`;
  const notStarted = (connection: VaultConnection) => () => {
    connection.fail({ kind: 'network', detail: 'The token vault could not start.' });
  };
  if (typeof SharedWorker !== 'undefined') {
    const worker = new SharedWorker(vaultScript, { type: 'module', name });
    const connection = connectTo(worker.port, 'shared', onNotice);
    worker.addEventListener('error', notStarted(connection));
    worker.port.start();
    opened = { port: worker.port, kind: 'shared' };
    return connection;
  }
  const worker = new Worker(vaultScript, { type: 'module', name });
  const connection = connectTo(worker, 'per-tab', onNotice);
  worker.addEventListener('error', notStarted(connection));
  opened = { port: worker, kind: 'per-tab' };
  return connection;
}
