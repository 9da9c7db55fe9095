/** What is wrong with a callback's address (page/callback-url.ts). */
export type CallbackUrlProblem =
  'not-a-callback' | 'duplicated-parameter' | 'missing-state' | 'ambiguous-state';

/** What went wrong with a sign-in or a refresh, in terms the screens can explain. */
export type AuthProblem =
  | { kind: 'access-denied' }
  | { kind: 'authorization-error'; error: string; description: string | null }
  | {
      kind: 'state-mismatch';
      /** `expired`: a callback without `state`, for a sign-in pending too long to be its own. */
      detail: CallbackUrlProblem | 'unknown-state' | 'expired';
    }
  | { kind: 'not-a-callback' }
  | { kind: 'code-rejected'; description: string | null }
  | { kind: 'token-error'; error: string; description: string | null }
  | { kind: 'invalid-token-response'; detail: string }
  | { kind: 'network' }
  /**
   * The vault, which other tabs share, runs another configuration (config.json changed) or
   * another release of the app than this page: this page must load again.
   */
  | { kind: 'vault-mismatch'; with: 'configuration' | 'release' }
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
