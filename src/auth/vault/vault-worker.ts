/**
 * The token vault's worker: a SharedWorker for every tab of the origin where the browser has
 * one, else a dedicated Worker per tab. It alone holds the tokens (token-vault.ts); pages talk to
 * it in the messages of vault-protocol.ts, and are told only what carries no token.
 */
import { createVaultOpening } from './vault-opening';
import { createPageCalls } from './page-calls';
import { createStepRecording } from './step-recording';
import { createTabRoll, type PagePort } from './tab-roll';
import type {
  VaultEnvelope,
  VaultFailure,
  VaultKind,
  VaultMessage,
  VaultReplies,
  VaultRequestType,
  VaultState,
} from '../vault-protocol';
import { VaultError } from '../vault-protocol';

/** One handler per request type, each held to the reply vault-protocol.ts maps its type to. */
type VaultHandlers = {
  [T in VaultRequestType]: (
    page: PagePort,
    request: VaultEnvelope<T>,
  ) => VaultReplies[T] | Promise<VaultReplies[T]>;
};

function failureOf(error: unknown): VaultFailure {
  if (error instanceof VaultError) return error.failure;
  return { kind: 'refused', detail: error instanceof Error ? error.message : String(error) };
}

/** Serves the pages connected to one vault. Exported for its tests; the worker starts it below. */
export function createVaultHost(kind: VaultKind) {
  /** Every page hears the vault's state, the count of tabs included. */
  const tell = () => {
    tabs.broadcast({ type: 'state', state: state() });
  };
  const tabs = createTabRoll(tell);
  const calls = createPageCalls();
  const vaults = createVaultOpening(tell, createStepRecording(tabs.broadcast));

  function state(): VaultState {
    const count = tabs.count();
    const vault = vaults.current();
    if (!vault) return { status: 'signed-out', reason: 'none', tabs: count, kind };
    return { ...vault.state(), tabs: count, kind };
  }

  /** How each request is answered: typed from the protocol's map, so that each reply is checked. */
  const handlers: VaultHandlers = {
    connect(page, request) {
      vaults.open(request.settings, request.version);
      tabs.join(page);
      return state();
    },
    here(page) {
      tabs.here(page);
      return null;
    },
    disconnect(page) {
      calls.end(page);
      tabs.leave(page);
      return null;
    },
    'begin-sign-in': (_, request) => vaults.opened().beginSignIn(request.returnTo, request.bounce),
    'finish-sign-in': (_, request) =>
      vaults.opened().finishSignIn(request.url, request.pendingSignIn),
    async refresh(_, request) {
      await vaults.opened().refresh(request.reason, request.credential);
      return state();
    },
    'call-api': (page, request) =>
      calls.run(page, request.id, (signal) =>
        vaults.opened().callApi(request.request, signal, request.bearer),
      ),
    cancel(page, request) {
      calls.cancel(page, request.call);
      return null;
    },
    'sign-out'(_, request) {
      vaults.opened().signOut(request.ended);
      return null;
    },
  };

  return {
    /** Answers a request with its handler: generic, so that the table is read type by type. */
    async receive<T extends VaultRequestType>(page: PagePort, message: VaultEnvelope<T>) {
      try {
        const value = await handlers[message.type](page, message);
        page.postMessage({ type: 'reply', id: message.id, ok: true, value });
      } catch (error) {
        page.postMessage({ type: 'reply', id: message.id, ok: false, failure: failureOf(error) });
      }
    },
  };
}

type Listener = (event: MessageEvent<VaultEnvelope>) => void;
interface WorkerScope {
  onconnect?: unknown;
  addEventListener: (type: 'message' | 'connect', listener: (event: MessageEvent) => void) => void;
  postMessage: (message: VaultMessage) => void;
}

/** Runs only as a worker: page scripts and unit tests import the host above and nothing starts. */
function start(scope: WorkerScope) {
  if ('onconnect' in scope) {
    const host = createVaultHost('shared');
    scope.addEventListener('connect', (event) => {
      const [port] = event.ports;
      if (!port) return;
      const listener: Listener = (message) => void host.receive(port, message.data);
      port.addEventListener('message', listener);
      port.start();
    });
    return;
  }
  const host = createVaultHost('per-tab');
  scope.addEventListener(
    'message',
    (message) => void host.receive(scope, message.data as VaultEnvelope),
  );
}

declare const WorkerGlobalScope: (new () => unknown) | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  start(self);
}
