import type { CallbackUrlProblem } from './callback-url';

/** What went wrong with a sign-in or a refresh, in terms the screens can explain. */
export type AuthProblem =
  | { kind: 'access-denied' }
  | { kind: 'authorization-error'; error: string; description: string | null }
  | { kind: 'state-mismatch'; detail: CallbackUrlProblem | 'unknown-state' }
  | { kind: 'not-a-callback' }
  | { kind: 'code-rejected'; description: string | null }
  | { kind: 'token-error'; error: string; description: string | null }
  | { kind: 'invalid-token-response'; detail: string }
  | { kind: 'network' }
  | { kind: 'signed-out' }
  | { kind: 'unexpected'; detail: string };

export class AuthProblemError extends Error {
  constructor(
    readonly problem: AuthProblem,
    /** The sign-in was the app's own bounce after a reload, not the user's click. */
    readonly afterReload = false,
  ) {
    super(problem.kind);
    this.name = 'AuthProblemError';
  }
}
