import type { SigninResponse } from 'oidc-client-ts';
import type { FlowEvent, RefreshReason } from '../flow-events';

/** The parts of a token answer the inspector shows; `access_token` is never read past a hash. */
export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  scope?: string;
  expires_in?: number;
}

/** A step of the flow as the vault tells it: an event, or a token answer still to be reduced. */
export type FlowStep =
  | FlowEvent
  | { type: 'exchanged'; answer: TokenAnswer; asSent: unknown }
  | { type: 'refreshed'; reason: RefreshReason; answer: TokenAnswer; refreshTokenBefore: string };

/** What the token vault tells its host (vault-worker.ts). */
export interface VaultEvents {
  /** The tokens changed: new ones, or none. */
  changed: () => void;
  /**
   * Each step of the flow, for the flow inspector; absent, nothing is recorded. The vault waits
   * for a step with tokens to be recorded (flow-recorder.ts reduces them to fingerprints) before
   * it answers the page.
   */
  flow?: (step: FlowStep) => Promise<void> | void;
  /** A sign-out here, to be told to the other vaults of this client. */
  signedOut?: () => void;
  /** A sign-in here, of the user Workfront named, to be told to the other vaults likewise. */
  signedIn?: (userId: string) => void;
}

/** A token answer as the inspector reads it. */
export const answerOf = (response: SigninResponse): TokenAnswer => ({
  access_token: response.access_token,
  token_type: response.token_type,
  ...(response.refresh_token ? { refresh_token: response.refresh_token } : {}),
  ...(response.scope ? { scope: response.scope } : {}),
  // As Workfront sent it, before an unusable lifetime is replaced by the assumed one.
  ...(response.expires_in === undefined ? {} : { expires_in: response.expires_in }),
});
