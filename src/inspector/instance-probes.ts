import type { AppConfig } from '../config/app-config';
import { requestPolicy } from '../config/request-policy';
import type { ApiAnswer, ApiRequest } from '../auth';
import { WorkfrontApiError } from '../workfront';
import type { ShownEvent } from './flow-log';

/**
 * The part of "Check this Workfront" that needs a token or the raw token endpoint. What leaves
 * here holds no token: answers are Workfront's, read and reduced to facts by src/workfront.
 */

/** An answer as Workfront sent it; `body` is its JSON, or null when it is not JSON. */
export interface ProbeAnswer {
  status: number;
  /** The response header names the page can read, sorted. */
  headerNames: string[];
  body: unknown;
}

/** What this tab's sign-in and refreshes showed, from the flow log. */
export interface SignInFacts {
  callbackParamNames: string[];
  tokenAnswerKeys: string[];
  tokenType: string;
  expiresIn: number | null;
  refreshTokenIssued: boolean;
  /** Whether the refresh token rotated at the last refresh since the sign-in; null if none. */
  rotatedAtLastRefresh: boolean | null;
}

export interface InstanceProbes {
  signInFacts: () => Promise<SignInFacts | null>;
  /** GET a Workfront API URL with `Authorization: Bearer <access token>` and no sessionID. */
  bearerOnly: (url: string) => Promise<ProbeAnswer>;
  /** A refresh with a made-up refresh token, straight to the token endpoint: never a real one. */
  madeUpRefresh: () => Promise<ProbeAnswer>;
}

export const madeUpRefreshToken = 'instance-check-made-up-refresh-token';

export function signInFacts(events: readonly ShownEvent[]): SignInFacts | null {
  const exchangeAt = events.findLastIndex((event) => event.type === 'token-exchange' && event.ok);
  const exchange = events[exchangeAt];
  if (exchange?.type !== 'token-exchange') return null;
  const callback = events.slice(0, exchangeAt).findLast((event) => event.type === 'callback');
  const refresh = events
    .slice(exchangeAt)
    .findLast((event) => event.type === 'refresh' && event.ok);
  return {
    callbackParamNames:
      callback?.type === 'callback' ? callback.params.map(([name]) => name).sort() : [],
    tokenAnswerKeys: exchange.answerKeys ?? [],
    tokenType: exchange.tokenType ?? '',
    expiresIn: exchange.expiresInSent ?? null,
    refreshTokenIssued: Boolean(exchange.refreshFingerprint),
    rotatedAtLastRefresh: refresh?.type === 'refresh' ? (refresh.rotated ?? null) : null,
  };
}

/** The check's timeout: all its requests are small, so a slow one is a stuck one. */
const checkTimeout = () => AbortSignal.timeout(requestPolicy.checkTimeoutSeconds * 1000);

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // An HTML page or nothing: the status tells.
    return null;
  }
}

/** The vault's call, with the token as a Bearer header only. */
export type BearerCall = (
  request: ApiRequest,
  signal: AbortSignal,
) => Promise<ApiAnswer | 'no-session'>;

export function createInstanceProbes(
  config: AppConfig,
  redirectUri: string,
  events: () => readonly ShownEvent[],
  bearerCall: BearerCall,
): InstanceProbes {
  return {
    signInFacts: () => Promise.resolve(signInFacts(events())),
    async bearerOnly(url) {
      // The vault sends the token to Workfront's API only, and refuses any other URL.
      const answer = await bearerCall(
        { method: 'GET', url: new URL(url, window.location.origin).href },
        checkTimeout(),
      );
      if (answer === 'no-session') throw new WorkfrontApiError('session', 'No session.', {});
      return { status: answer.status, headerNames: answer.headerNames, body: parsed(answer.body) };
    },
    // No token here: the page asks the token endpoint itself, to see its errors as sent.
    async madeUpRefresh() {
      const response = await fetch(config.tokenEndpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: config.clientId,
          redirect_uri: redirectUri,
          refresh_token: madeUpRefreshToken,
        }),
        signal: checkTimeout(),
      });
      return {
        status: response.status,
        headerNames: [...response.headers.keys()].sort(),
        body: parsed(await response.text()),
      };
    },
  };
}
