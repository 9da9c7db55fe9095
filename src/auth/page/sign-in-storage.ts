/**
 * What the app keeps in web storage around a sign-in. None of it is a token: the pending sign-in
 * (its `state` and PKCE verifier, in this tab only, until the callback), the non-secret "was
 * signed in" flag, the bounce markers, and how the callback went. Shared by the auth client and
 * the callback document (callback-document.ts), which both read and write these keys.
 */
import type { AuthProblem } from '../auth-errors';
import type { FlowEvent } from '../flow-events';

/**
 * localStorage: this browser was signed in when a page was last loaded, as the user it names
 * (Workfront's ID), so that a bounce that comes back as someone else is told apart.
 */
export const signedInFlag = 'workfront.wasSignedIn';
/** The flag's value when Workfront named no user. */
export const unnamedUser = '1';
/** sessionStorage: when this tab last bounced through Workfront by itself. */
export const bounceMarker = 'workfront.bounceStartedAt';
/** localStorage: when the bounce under way in some tab began (bounce-turn.ts). */
export const sharedBounceMarker = 'workfront.bounceUnderWay';
/** sessionStorage: the pending sign-in, as the vault made it, under its `state`. */
const pendingPrefix = 'workfront.signin.';
/** sessionStorage: how the callback document's exchange went, for the app it then loads. */
const callbackOutcomeKey = 'workfront.callback';

/** The `state` of each sign-in pending in this tab. */
export function pendingStates(storage: Storage): string[] {
  return Object.keys(storage)
    .filter((key) => key.startsWith(pendingPrefix))
    .map((key) => key.slice(pendingPrefix.length));
}

/** A tab has at most one sign-in pending; older ones were abandoned (Back, a second click). */
export function keepPendingSignIn(storage: Storage, state: string, pendingSignIn: string) {
  pendingStates(storage).forEach((old) => {
    storage.removeItem(`${pendingPrefix}${old}`);
  });
  storage.setItem(`${pendingPrefix}${state}`, pendingSignIn);
}

/** The pending sign-in for `state`, removed: a callback spends it whatever happens next. */
export function takePendingSignIn(storage: Storage, state: string): string | null {
  const pending = storage.getItem(`${pendingPrefix}${state}`);
  storage.removeItem(`${pendingPrefix}${state}`);
  return pending;
}

export type CallbackOutcome =
  | { ok: true; afterBounce: boolean; events: FlowEvent[] }
  | { ok: false; problem: AuthProblem; afterBounce: boolean; events: FlowEvent[] };

export function keepCallbackOutcome(storage: Storage, outcome: CallbackOutcome) {
  storage.setItem(callbackOutcomeKey, JSON.stringify(outcome));
}

/** The outcome the callback document left, once: a reload must not see it again. */
export function takeCallbackOutcome(storage: Storage): CallbackOutcome | undefined {
  const stored = storage.getItem(callbackOutcomeKey);
  storage.removeItem(callbackOutcomeKey);
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as CallbackOutcome;
  } catch {
    return undefined;
  }
}
