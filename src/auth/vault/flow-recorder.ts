import type { FlowEvent, RefreshReason } from '../flow-events';
import type { FlowStep, TokenAnswer } from './vault-events';

/**
 * The vault's side of the flow inspector's story: what it sent and received, with tokens reduced
 * to fingerprints here, before anything leaves the vault.
 */
export async function fingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest).slice(0, 4)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/**
 * What a token answer held as sent, for the flow log: its field names, sorted, and `expires_in`
 * if usable (a whole number of seconds, 0 included), else null.
 */
export function tokenAnswerAsSent(body: unknown): {
  answerKeys: string[];
  expiresInSent: number | null;
} {
  if (typeof body !== 'object' || body === null) return { answerKeys: [], expiresInSent: null };
  const { expires_in: expiresIn } = body as Record<string, unknown>;
  const seconds =
    typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  return {
    answerKeys: Object.keys(body).sort(),
    expiresInSent:
      typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 ? seconds : null,
  };
}

export async function exchangeEvent(answer: TokenAnswer, asSent: unknown): Promise<FlowEvent> {
  return {
    type: 'token-exchange',
    at: Date.now(),
    ok: true,
    tokenType: answer.token_type,
    expiresIn: answer.expires_in,
    ...(answer.scope === undefined ? {} : { scope: answer.scope }),
    accessFingerprint: await fingerprint(answer.access_token),
    refreshFingerprint: answer.refresh_token ? await fingerprint(answer.refresh_token) : null,
    ...tokenAnswerAsSent(asSent),
  };
}

export async function refreshEvent(
  reason: RefreshReason,
  answer: TokenAnswer,
  refreshTokenBefore: string,
): Promise<FlowEvent> {
  const after = answer.refresh_token ? await fingerprint(answer.refresh_token) : null;
  return {
    type: 'refresh',
    at: Date.now(),
    reason,
    ok: true,
    accessFingerprint: await fingerprint(answer.access_token),
    refreshFingerprint: after,
    rotated: after !== null && after !== (await fingerprint(refreshTokenBefore)),
    tokenType: answer.token_type,
    expiresIn: answer.expires_in,
  };
}

/** A step of the vault's flow as the inspector shows it; loads only with the inspector on. */
export function recordStep(step: FlowStep): Promise<FlowEvent> | FlowEvent {
  switch (step.type) {
    case 'exchanged':
      return exchangeEvent(step.answer, step.asSent);
    case 'refreshed':
      return refreshEvent(step.reason, step.answer, step.refreshTokenBefore);
    default:
      return step;
  }
}
