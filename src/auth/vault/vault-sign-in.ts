import { ErrorResponse, type SigninResponse } from 'oidc-client-ts';
import { AuthProblemError } from '../auth-errors';
import { VaultError, type SignInFinished, type SignInStarted } from '../vault-protocol';
import { problemFailure } from './oidc-errors';
import { answerOf } from './vault-events';
import { keep, newChain, type Vault } from './vault-session';
import { revoke, signOut, stillCurrent } from './vault-sign-out';
import { userIdOf } from './workfront-oauth';

/** What a sign-in request carries through Workfront and back, in its `state`. */
interface SignInRequestData {
  returnTo: string;
  /** Started by the app after a reload rather than by the user. */
  bounce: boolean;
}

/** The authorize URL, and the pending sign-in that the page keeps until its callback. */
export async function beginSignIn(
  vault: Vault,
  returnTo: string,
  bounce: boolean,
): Promise<SignInStarted> {
  const data: SignInRequestData = { returnTo, bounce };
  const request = await vault.client.createSigninRequest({ state: data });
  const stateId = request.state.id;
  const pendingSignIn = (await vault.signInRequests.remove(stateId)) ?? '';
  // The page keeps it in sessionStorage across the redirect, and hands it back at the callback.
  return { url: request.url, stateId, pendingSignIn };
}

/** The code exchange, for the pending sign-in the page kept: its tokens become the session. */
export async function finishSignIn(
  vault: Vault,
  url: string,
  pendingSignIn: string,
): Promise<SignInFinished> {
  const started = vault.generation;
  const stateId = new URL(url).searchParams.get('state') ?? '';
  let pending: { id?: unknown };
  try {
    pending = JSON.parse(pendingSignIn) as typeof pending;
  } catch {
    pending = {};
  }
  if (pending.id !== stateId) {
    throw new VaultError({
      kind: 'problem',
      problem: { kind: 'state-mismatch', detail: 'unknown-state' },
      afterBounce: false,
      endsSession: false,
    });
  }
  await vault.signInRequests.set(stateId, pendingSignIn);
  let response: SigninResponse;
  try {
    response = await vault.client.processSigninResponse(url);
  } catch (error) {
    if (error instanceof ErrorResponse && error.form) {
      await vault.flow?.({
        type: 'token-exchange',
        at: Date.now(),
        ok: false,
        error: String(error),
      });
    }
    // A token endpoint error carries no state: only the redirect's own errors do.
    throw new VaultError(problemFailure(error));
  } finally {
    await vault.signInRequests.remove(stateId);
  }
  stillCurrent(vault, started, response);
  if (!response.access_token) {
    throw new VaultError(
      problemFailure(
        new AuthProblemError({ kind: 'invalid-token-response', detail: 'no access_token' }),
      ),
    );
  }
  const userId = userIdOf(vault.lastAnswer);
  makeRoomFor(vault, userId);
  keep(vault, response);
  if (userId !== null) vault.signedIn?.(userId);
  await vault.flow?.({
    type: 'exchanged',
    answer: answerOf(response),
    asSent: vault.lastAnswer,
  });
  const data = response.userState as Partial<SignInRequestData> | undefined;
  return { returnTo: data?.returnTo ?? '/' };
}

/**
 * One user per vault. A sign-in that arrives while the vault holds a session (another tab's
 * sign-in, a bounce) replaces it: for the same user, its refresh token is revoked; for another
 * user, or one Workfront does not name, the first user is signed out first, everywhere.
 */
function makeRoomFor(vault: Vault, userId: string | null) {
  const { tokens } = vault;
  if (!tokens) return;
  if (userId === null || userId !== tokens.userId) {
    signOut(vault);
    return;
  }
  newChain(vault);
  void revoke(vault, tokens.refresh);
}
