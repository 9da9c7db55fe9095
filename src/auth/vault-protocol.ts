/**
 * What the page and the token vault (vault-worker.ts) say to each other. The vault alone holds
 * tokens; nothing here ever carries one, in either direction. e2e/token-vault.spec.ts checks that
 * by value, across every message of a sign-in, refreshes and a sign-out.
 */
import type { AuthProblem } from './auth-errors';
import type { FlowEvent, RefreshReason } from './flow-events';

/**
 * The version of these messages. A page and a vault of different releases never share a vault by
 * accident (a SharedWorker is keyed by its script's URL, which each release changes), but if
 * they did, they say so rather than misread each other.
 */
export const vaultProtocolVersion = 3;

/** What the vault needs to know of the app's configuration. Sent by every page that connects. */
export interface VaultSettings {
  clientId: string;
  workfrontUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  redirectUri: string;
  scope: string;
  /** The REST API base as the app calls it, absolute: API calls go to its origin only. */
  apiBase: string;
  /**
   * The app observes the flow (config.json's `inspector`: src/main.tsx then gives the auth client
   * an observer): tell each step, tokens as fingerprints. Off, the vault records nothing.
   */
  observe: boolean;
}

/** An API call the page asks the vault to make with the session's credentials. */
export interface ApiRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** Absolute; its origin must be the API base's, its path under one of Workfront's API roots. */
  url: string;
  /** A form body (`application/x-www-form-urlencoded`), for POST only. */
  form?: string;
}

/** Which access token answered: the page names it back when asking for a refresh. */
export type Credential = number;

export interface ApiAnswer {
  status: number;
  retryAfter: string | null;
  /** The response header names the page may read, sorted. */
  headerNames: string[];
  body: string;
  credential: Credential;
}

/** Everything the page may ask, by type, with what each carries. */
export interface VaultRequestFields {
  connect: { version: number; settings: VaultSettings };
  /** The page is going away (or into the back/forward cache); it connects again if it returns. */
  disconnect: object;
  /** The page's answer to a roll call: it is still there. */
  here: object;
  'begin-sign-in': { returnTo: string; bounce: boolean };
  'finish-sign-in': { url: string; pendingSignIn: string };
  refresh: { reason: RefreshReason; credential: Credential | null };
  'call-api': { request: ApiRequest; bearer?: boolean };
  cancel: { call: number };
  'sign-out': { ended: boolean };
}

export type VaultRequestType = keyof VaultRequestFields;

/**
 * A request of one type, or of any: each gets exactly one reply with the same `id`. Written as a
 * map, so that a handler table keyed by type (vault-worker.ts) is checked handler by handler.
 */
export type VaultRequest<T extends VaultRequestType = VaultRequestType> = {
  [K in T]: { type: K } & VaultRequestFields[K];
}[T];

/** A page's first message: this release's version, and the configuration it runs. */
export function connectRequest(settings: VaultSettings): VaultRequest<'connect'> {
  return { type: 'connect', version: vaultProtocolVersion, settings };
}

/** Where the tokens live: one vault for every tab, or one per tab (no SharedWorker). */
export type VaultKind = 'shared' | 'per-tab';

export type VaultState =
  | {
      status: 'signed-in';
      /** Relative, so that each page anchors it to its own clock. */
      expiresInMs: number;
      credential: Credential;
      /** Workfront's ID of the signed-in user (`wid` in the token answer), if it sent one. */
      userId: string | null;
      tabs: number;
      kind: VaultKind;
    }
  | {
      status: 'signed-out';
      reason: 'none' | 'signed-out' | 'session-ended';
      tabs: number;
      kind: VaultKind;
    };

export interface SignInStarted {
  url: string;
  /** The sign-in request's id (its `state`) and its stored form, with the PKCE verifier. */
  stateId: string;
  pendingSignIn: string;
}

export interface SignInFinished {
  returnTo: string;
}

/** What each request resolves to. */
export interface VaultReplies {
  connect: VaultState;
  disconnect: null;
  here: null;
  'begin-sign-in': SignInStarted;
  'finish-sign-in': SignInFinished;
  refresh: VaultState;
  'call-api': ApiAnswer;
  cancel: null;
  'sign-out': null;
}

/**
 * Why a request failed, as data: errors do not cross `postMessage` with their class. `problem`
 * is a sign-in or refresh problem; `bounce` asks the page to sign in again through Workfront's own
 * session, with no prompt (a refresh whose answer was lost); the rest are transport failures.
 */
export type VaultFailure =
  | {
      kind: 'problem';
      problem: AuthProblem;
      afterBounce: boolean;
      endsSession: boolean;
      /** The wait the token endpoint asked for with `Retry-After`. */
      retryAfterMs?: number;
    }
  | { kind: 'bounce' }
  | { kind: 'signed-out' }
  | { kind: 'refused'; detail: string }
  | { kind: 'network'; detail: string }
  | { kind: 'cancelled' };

export type VaultMessage =
  | { type: 'reply'; id: number; ok: true; value: VaultReplies[VaultRequestType] }
  | { type: 'reply'; id: number; ok: false; failure: VaultFailure }
  | { type: 'state'; state: VaultState }
  | { type: 'flow'; event: FlowEvent }
  /** Who is still there? Each page answers `here` (vault-worker.ts counts the tabs so). */
  | { type: 'roll-call' };

export type VaultEnvelope<T extends VaultRequestType = VaultRequestType> = VaultRequest<T> & {
  id: number;
};

/** A failure, thrown in the vault and sent as data; the page throws it again as it came. */
export class VaultError extends Error {
  constructor(readonly failure: VaultFailure) {
    super(`The token vault answered: ${failure.kind}`);
    this.name = 'VaultError';
  }
}
