import * as v from 'valibot';
import type { AppConfig } from '../config/app-config';
import { requestPolicy } from '../config/request-policy';
import {
  checkedApiVersions,
  parseInstanceProfile,
  profileVersion,
  type Behaviours,
  type CheckedApiVersion,
  type Evidence,
  type InstanceProfile,
  type MyWorkObjCode,
  type MyWorkPaging,
  type TokenErrorStyle,
} from './instance-profile';
import { parseStatusMetadata } from './status-metadata';
import { parseWire } from './wire-schemas';
import { readEnvelope, workfrontApiBase, type WorkfrontSession } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';

/**
 * "Check this Workfront": read-only requests that learn what Workfront leaves undocumented, and
 * the profile they add up to (instance-profile.ts). What needs a token, or the token endpoint's
 * raw answers, the inspector sends through the auth client (src/inspector/instance-probes.ts);
 * the rest is sent here. Only facts are kept: statuses, field and header names, Workfront's
 * codes, never values.
 */

/*
 * ProbeAnswer and SignInFacts have the shapes of src/inspector/instance-probes.ts's, which shared
 * code may not import; the inspector, which may import both, hands one to the other.
 */

/** An answer as Workfront sent it; `body` is its JSON, or null when it is not JSON. */
export interface ProbeAnswer {
  status: number;
  headerNames: string[];
  body: unknown;
}

/** What this tab's sign-in and refreshes showed. */
export interface SignInFacts {
  callbackParamNames: string[];
  tokenAnswerKeys: string[];
  tokenType: string;
  expiresIn: number | null;
  refreshTokenIssued: boolean;
  rotatedAtLastRefresh: boolean | null;
}

export interface InstanceCheckAuth {
  /** Sends a request with the user's session, as the app's own calls do. */
  send: WorkfrontSession['send'];
  signInFacts: () => Promise<SignInFacts | null>;
  /** One refresh through the app's own path, as "Refresh now" does. */
  refreshOnce: () => Promise<void>;
  bearerOnly: (url: string) => Promise<ProbeAnswer>;
  madeUpRefresh: () => Promise<ProbeAnswer>;
}

/** The steps, in the order they run, for the screen's status line. */
export type CheckStep =
  | 'signIn'
  | 'tokenEndpoint'
  | 'refresh'
  | 'apiCors'
  | 'bearerAccepted'
  | 'authError'
  | 'myWork'
  | 'apiVersions'
  | 'issueStatuses';

/** Why a probe could not run, as kept in `notRun`; the screen explains each. */
export type NotRunReason =
  | 'no-sign-in'
  | 'no-refresh-token'
  | 'token-endpoint-blocked'
  | 'refresh-failed'
  | 'no-session'
  | 'timeout'
  | 'network'
  | 'refused'
  | 'malformed'
  | 'failed';

/** A session ID that no Workfront issued. */
export const invalidSessionId = 'instance-check-invalid-session';

/** Workfront takes the OAuth2 access token as a session ID, whatever its `token_type` says. */
export function sessionHeaders(accessToken: string): Record<string, string> {
  return {
    sessionID: accessToken,
    'X-Requested-With': 'XMLHttpRequest',
    Accept: 'application/json',
  };
}

/** The cheapest call that needs a session: it counts one user, the caller. */
const cheapPath = 'user/count';
const cheapParams = new URLSearchParams({ ID: '$$USER.ID' }).toString();

function reasonOf(error: unknown): NotRunReason {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  if (error instanceof TypeError) return 'network';
  if (!(error instanceof WorkfrontApiError)) return 'failed';
  switch (error.kind) {
    case 'timeout':
    case 'network':
    case 'malformed':
      return error.kind;
    case 'session':
      return 'no-session';
    default: {
      // Busy or in trouble is no answer to the question asked.
      const status = error.details.status ?? 0;
      return status === 429 || status >= 500 ? 'failed' : 'refused';
    }
  }
}

/** A GET with a timeout in real time; a blocked or failed request rejects with a TypeError. */
function get(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    headers,
    signal: AbortSignal.timeout(requestPolicy.checkTimeoutSeconds * 1000),
  });
}

async function readAnswer(response: Response): Promise<ProbeAnswer> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status tells.
  }
  return { status: response.status, headerNames: [...response.headers.keys()].sort(), body };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keysOf(body: unknown): Pick<Evidence, 'keys'> {
  return isRecord(body) ? { keys: Object.keys(body).sort() } : {};
}

/** Which of the three known shapes a token error body has (src/auth/vault/workfront-oauth.ts). */
export function tokenErrorStyleOf(answer: ProbeAnswer): TokenErrorStyle {
  const { body } = answer;
  if (answer.status < 400 || !isRecord(body)) return 'unknown';
  if (body.error === true) return 'workfront-boolean';
  if (typeof body.error !== 'string') return 'unknown';
  return 'type' in body || 'statusCode' in body ? 'workfront' : 'rfc6749';
}

const myWorkPage = v.array(v.looseObject({ ID: v.string(), objCode: v.string() }));
type MyWorkItem = v.InferOutput<typeof myWorkPage>[number];

export function myWorkObjCodeOf(items: readonly MyWorkItem[]): MyWorkObjCode {
  if (items.length === 0) return 'unknown';
  if (items.some((item) => item.objCode === 'WORK')) return 'WORK';
  return items.every((item) => item.objCode === 'TASK' || item.objCode === 'OPTASK')
    ? 'TASK_OPTASK'
    : 'unknown';
}

/** `$$LIMIT=1` at `$$FIRST=0`, then at `$$FIRST=1`: one item each, and not the same one. */
export function myWorkPagingOf(
  first: readonly MyWorkItem[],
  second: readonly MyWorkItem[],
): { value: MyWorkPaging; note: string } {
  const [only] = first;
  if (!only) return { value: 'unknown', note: 'no work assigned: nothing to page through' };
  if (first.length > 1 || second.length > 1) {
    return { value: 'ignored', note: '$$LIMIT=1 answered with more than one item' };
  }
  if (second[0]?.ID === only.ID) {
    return { value: 'limit-only', note: '$$FIRST=1 answered with the item of $$FIRST=0' };
  }
  return { value: 'honoured', note: 'one item at $$FIRST=0, another or none at $$FIRST=1' };
}

/** What every probe needs. */
interface Check {
  config: AppConfig;
  auth: InstanceCheckAuth;
  /** The API base as the app calls it, absolute. */
  apiBase: string;
  skip: (reason: NotRunReason, ...probes: string[]) => void;
}

const apiBaseOf = (config: AppConfig) =>
  new URL(workfrontApiBase(config), window.location.origin).href;

/** A GET with the user's session, as the app's own calls; no refresh, no retry. */
async function sessionGet(check: Check, url: string): Promise<{ status: number; data: unknown }> {
  let answer: Awaited<ReturnType<WorkfrontSession['send']>>;
  try {
    answer = await check.auth.send(
      { method: 'GET', url },
      AbortSignal.timeout(requestPolicy.checkTimeoutSeconds * 1000),
    );
  } catch (error) {
    // The check's own timeout comes as it is; anything else is the network.
    if (error instanceof DOMException) throw error;
    throw new WorkfrontApiError('network', 'Workfront could not be reached.', {}, { cause: error });
  }
  if (answer === 'no-session') throw new WorkfrontApiError('session', 'No session.', {});
  return { status: answer.status, data: readEnvelope(answer) };
}

const cheapUrl = (base: string) => `${base}/${cheapPath}?${cheapParams}`;

function signInBehaviours(
  facts: SignInFacts | null,
  check: Check,
): Pick<Behaviours, 'stateEchoed' | 'tokenType' | 'expiresIn' | 'refreshTokenIssued'> {
  if (!facts)
    check.skip('no-sign-in', 'stateEchoed', 'tokenType', 'expiresIn', 'refreshTokenIssued');
  const tokenAnswer: Evidence = {
    keys: facts?.tokenAnswerKeys ?? [],
    note: "the sign-in's token answer",
  };
  return {
    stateEchoed: {
      value: facts?.callbackParamNames.includes('state') ?? false,
      evidence: { keys: facts?.callbackParamNames ?? [], note: "the callback's parameters" },
    },
    tokenType: { value: facts?.tokenType ?? '', evidence: tokenAnswer },
    expiresIn: { value: facts?.expiresIn ?? null, evidence: tokenAnswer },
    refreshTokenIssued: { value: facts?.refreshTokenIssued ?? false, evidence: tokenAnswer },
  };
}

/** A refresh with a made-up token: readable or not, and how its error is written. */
async function probeTokenEndpoint(
  check: Check,
): Promise<Pick<Behaviours, 'tokenCors' | 'tokenErrorStyle'>> {
  try {
    const answer = await check.auth.madeUpRefresh();
    return {
      tokenCors: {
        value: true,
        evidence: { status: answer.status, headerNames: answer.headerNames },
      },
      tokenErrorStyle: {
        value: tokenErrorStyleOf(answer),
        evidence: { status: answer.status, ...keysOf(answer.body) },
      },
    };
  } catch (error) {
    const reason = reasonOf(error);
    const blocked = reason === 'network';
    const note = blocked
      ? 'TypeError: the browser could not read the answer to a refresh with a made-up token'
      : `no answer to a refresh with a made-up token (${reason})`;
    if (!blocked) check.skip(reason, 'tokenCors');
    check.skip(blocked ? 'token-endpoint-blocked' : reason, 'tokenErrorStyle');
    return {
      tokenCors: { value: false, evidence: { note } },
      tokenErrorStyle: { value: 'unknown', evidence: { note } },
    };
  }
}

/**
 * Whether the refresh token rotated at this tab's last refresh. With none yet, the check makes one
 * through the app's own refresh path, as "Refresh now" does: the user's refresh token is spent
 * only there, and the rotated one kept as at any refresh.
 */
async function probeRotation(
  check: Check,
  facts: SignInFacts | null,
  tokenEndpointReadable: boolean,
): Promise<Behaviours['refreshTokenRotates']> {
  const evidence = { note: "the refresh token's fingerprint before and after the last refresh" };
  let value = facts?.rotatedAtLastRefresh ?? null;
  if (!facts) check.skip('no-sign-in', 'refreshTokenRotates');
  else if (!facts.refreshTokenIssued) check.skip('no-refresh-token', 'refreshTokenRotates');
  else if (value === null && !tokenEndpointReadable) {
    check.skip('token-endpoint-blocked', 'refreshTokenRotates');
  } else if (value === null) {
    try {
      await check.auth.refreshOnce();
      value = (await check.auth.signInFacts())?.rotatedAtLastRefresh ?? null;
    } catch {
      // Reported just below: the flow inspector's timeline shows why.
    }
    if (value === null) check.skip('refresh-failed', 'refreshTokenRotates');
  }
  return { value, evidence };
}

/** A direct cross-origin call with a made-up session ID: any readable answer means CORS is open. */
async function probeApiCors(check: Check): Promise<Behaviours['apiCors']> {
  const direct = `${check.config.workfrontUrl}/attask/api/${check.config.apiVersion}`;
  try {
    const answer = await readAnswer(await get(cheapUrl(direct), sessionHeaders(invalidSessionId)));
    return { value: true, evidence: { status: answer.status, headerNames: answer.headerNames } };
  } catch (error) {
    const reason = reasonOf(error);
    if (reason !== 'network') check.skip(reason, 'apiCors');
    const note =
      reason === 'network'
        ? 'TypeError: the browser blocked a direct cross-origin call, so proxy mode is right for this instance'
        : `no answer to a direct cross-origin call (${reason})`;
    return { value: false, evidence: { note } };
  }
}

async function probeBearer(check: Check): Promise<Behaviours['bearerAccepted']> {
  try {
    const answer = await check.auth.bearerOnly(cheapUrl(check.apiBase));
    const { body } = answer;
    return {
      value: isRecord(body) && 'data' in body && !('error' in body),
      evidence: { status: answer.status, ...keysOf(body) },
    };
  } catch (error) {
    check.skip(reasonOf(error), 'bearerAccepted');
    return { value: false, evidence: { note: 'no answer' } };
  }
}

async function probeAuthError(check: Check): Promise<Behaviours['authError']> {
  try {
    const answer = await readAnswer(
      await get(cheapUrl(check.apiBase), sessionHeaders(invalidSessionId)),
    );
    const { body } = answer;
    const errorClass = isRecord(body) && isRecord(body.error) ? body.error.class : null;
    return {
      status: answer.status,
      errorClass: typeof errorClass === 'string' ? errorClass : null,
      evidence: { status: answer.status, ...keysOf(body) },
    };
  } catch (error) {
    check.skip(reasonOf(error), 'authError');
    return { status: 0, errorClass: null, evidence: { note: 'no answer' } };
  }
}

async function probeMyWork(
  check: Check,
): Promise<Pick<Behaviours, 'myWorkObjCode' | 'myWorkPaging'>> {
  const page = async (first: number) => {
    const query = new URLSearchParams({ fields: 'ID', $$FIRST: String(first), $$LIMIT: '1' });
    const { data } = await sessionGet(check, `${check.apiBase}/work/myWork?${query.toString()}`);
    return parseWire(myWorkPage, data, 'a work list');
  };
  try {
    const first = await page(0);
    const second = await page(1);
    const codes = [...new Set([...first, ...second].map((item) => item.objCode))].sort();
    const paging = myWorkPagingOf(first, second);
    return {
      myWorkObjCode: {
        value: myWorkObjCodeOf([...first, ...second]),
        evidence: { note: codes.length ? `objCode ${codes.join(', ')}` : 'no work assigned' },
      },
      myWorkPaging: { value: paging.value, evidence: { note: paging.note } },
    };
  } catch (error) {
    check.skip(reasonOf(error), 'myWorkObjCode', 'myWorkPaging');
    return {
      myWorkObjCode: { value: 'unknown', evidence: { note: 'no answer' } },
      myWorkPaging: { value: 'unknown', evidence: { note: 'no answer' } },
    };
  }
}

async function probeApiVersions(check: Check): Promise<Behaviours['apiVersions']> {
  const answered: CheckedApiVersion[] = [];
  const refused: CheckedApiVersion[] = [];
  const outcomes: string[] = [];
  // One at a time: Workfront limits a user's concurrent requests.
  for (const apiVersion of checkedApiVersions) {
    try {
      const { status } = await sessionGet(
        check,
        cheapUrl(apiBaseOf({ ...check.config, apiVersion })),
      );
      answered.push(apiVersion);
      outcomes.push(`${apiVersion} ${String(status)}`);
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === 'refused' && error instanceof WorkfrontApiError) {
        refused.push(apiVersion);
        const { status, errorClass } = error.details;
        outcomes.push([apiVersion, status, errorClass].filter(Boolean).join(' '));
      } else {
        outcomes.push(`${apiVersion} not run`);
        check.skip(reason, `apiVersions ${apiVersion}`);
      }
    }
  }
  return { answered, refused, evidence: { note: outcomes.join('; ') } };
}

async function probeIssueStatuses(check: Check): Promise<Behaviours['issueStatuses']> {
  try {
    const { status, data } = await sessionGet(check, `${check.apiBase}/optask/metadata`);
    return {
      value: parseStatusMetadata(data, 'the issue metadata').map((choice) => choice.code),
      evidence: { status, note: 'optask/metadata fields.status.possibleValues' },
    };
  } catch (error) {
    check.skip(reasonOf(error), 'issueStatuses');
    return { value: [], evidence: { note: 'no answer' } };
  }
}

/** Runs every probe, one at a time, and returns the profile; `onStep` hears each step begin. */
export async function runInstanceCheck(
  config: AppConfig,
  auth: InstanceCheckAuth,
  onStep: (step: CheckStep) => void = () => undefined,
): Promise<InstanceProfile> {
  const notRun: InstanceProfile['notRun'] = [];
  const check: Check = {
    config,
    auth,
    apiBase: apiBaseOf(config),
    skip: (reason, ...probes) => {
      for (const probe of probes) notRun.push({ probe, reason });
    },
  };
  onStep('signIn');
  const facts = await auth.signInFacts();
  const signIn = signInBehaviours(facts, check);
  onStep('tokenEndpoint');
  const tokenEndpoint = await probeTokenEndpoint(check);
  onStep('refresh');
  const refreshTokenRotates = await probeRotation(check, facts, tokenEndpoint.tokenCors.value);
  onStep('apiCors');
  const apiCors = await probeApiCors(check);
  onStep('bearerAccepted');
  const bearerAccepted = await probeBearer(check);
  onStep('authError');
  const authError = await probeAuthError(check);
  onStep('myWork');
  const myWork = await probeMyWork(check);
  onStep('apiVersions');
  const apiVersions = await probeApiVersions(check);
  onStep('issueStatuses');
  const issueStatuses = await probeIssueStatuses(check);
  return parseInstanceProfile({
    profileVersion,
    behaviours: {
      ...signIn,
      refreshTokenRotates,
      ...tokenEndpoint,
      apiCors,
      bearerAccepted,
      authError,
      ...myWork,
      apiVersions,
      issueStatuses,
    },
    notRun,
  } satisfies InstanceProfile);
}
