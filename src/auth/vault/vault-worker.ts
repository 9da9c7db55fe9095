/**
 * The token vault's worker: a SharedWorker for every tab of the origin where the browser has
 * one, else a dedicated Worker per tab. It alone holds the tokens (token-vault.ts); pages talk to
 * it in the messages of vault-protocol.ts, and are told only what carries no token.
 */
import { createTokenVault, type TokenVault } from './token-vault';
import { createSignOutChannel } from './cross-tab';
import { createStepRecording } from './step-recording';
import { createTabRoll, type PagePort } from './tab-roll';
import type {
  VaultEnvelope,
  VaultFailure,
  VaultKind,
  VaultMessage,
  VaultReplies,
  VaultRequestType,
  VaultSettings,
  VaultState,
} from '../vault-protocol';
import { VaultError, vaultProtocolVersion } from '../vault-protocol';

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
  /** In-flight API calls, per page, by request id: a page may cancel them. */
  const calls = new Map<PagePort, Map<number, AbortController>>();
  let settings: VaultSettings | undefined;
  let vault: TokenVault | undefined;

  /** Every page hears the vault's state, the count of tabs included. */
  const tell = () => {
    tabs.broadcast({ type: 'state', state: state() });
  };
  const tabs = createTabRoll(tell);
  const { broadcast } = tabs;

  function state(): VaultState {
    const count = tabs.count();
    if (!vault) return { status: 'signed-out', reason: 'none', tabs: count, kind };
    return { ...vault.state(), tabs: count, kind };
  }

  const mismatch = (what: 'configuration' | 'release') =>
    new VaultError({
      kind: 'problem',
      problem: { kind: 'vault-mismatch', with: what },
      afterBounce: false,
      endsSession: false,
    });

  const steps = createStepRecording(broadcast);

  function open(given: VaultSettings, version: number): TokenVault {
    if (version !== vaultProtocolVersion) throw mismatch('release');
    if (vault && settings) {
      if (JSON.stringify(settings) !== JSON.stringify(given)) throw mismatch('configuration');
      return vault;
    }
    settings = given;
    if (given.observe) steps.load();
    const crossTab = createSignOutChannel(
      given.clientId,
      () => {
        vault?.signOut(false, true);
      },
      (userId) => {
        vault?.signedInElsewhere(userId);
      },
    );
    vault = createTokenVault(given, {
      changed: tell,
      ...(given.observe && { flow: steps.record }),
      // Every other vault of this client hears it: per-tab ones, and the shared vault of another
      // release (a SharedWorker is keyed by its script's URL, which each release changes).
      signedOut: crossTab.announce,
      signedIn: crossTab.announceSignIn,
    });
    return vault;
  }

  function opened(): TokenVault {
    if (!vault) throw new VaultError({ kind: 'refused', detail: 'connect first' });
    return vault;
  }

  /** How each request is answered: typed from the protocol's map, so that each reply is checked. */
  const handlers: VaultHandlers = {
    connect(page, request) {
      open(request.settings, request.version);
      tabs.join(page);
      return state();
    },
    here(page) {
      tabs.here(page);
      return null;
    },
    disconnect(page) {
      calls.get(page)?.forEach((call) => {
        call.abort();
      });
      calls.delete(page);
      tabs.leave(page);
      return null;
    },
    'begin-sign-in': (_, request) => opened().beginSignIn(request.returnTo, request.bounce),
    'finish-sign-in': (_, request) => opened().finishSignIn(request.url, request.pendingSignIn),
    async refresh(_, request) {
      await opened().refresh(request.reason, request.credential);
      return state();
    },
    async 'call-api'(page, request) {
      const controller = new AbortController();
      const pageCalls = calls.get(page) ?? new Map<number, AbortController>();
      calls.set(page, pageCalls);
      pageCalls.set(request.id, controller);
      try {
        return await opened().callApi(request.request, controller.signal, request.bearer);
      } finally {
        pageCalls.delete(request.id);
      }
    },
    cancel(page, request) {
      calls.get(page)?.get(request.call)?.abort();
      return null;
    },
    'sign-out'(_, request) {
      opened().signOut(request.ended);
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
