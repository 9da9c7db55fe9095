import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorEnv } from '../env.ts';
import { tokenError, tokenErrorBody } from '../oauth/token-errors.ts';
import { defaultSettings, type Settings } from '../settings.ts';
import { threadLimitError } from '../workfront/envelope.ts';

export const faultTargets = ['authorize', 'token', 'revoke', 'api'] as const;
export type FaultTarget = (typeof faultTargets)[number];

export const faultBodies = ['malformed', 'html', 'empty', 'errorEnvelope'] as const;
export type FaultBody = (typeof faultBodies)[number];

/** The next `count` requests to `target` are answered this way instead of normally. */
export interface FaultPlan {
  target: FaultTarget;
  count: number;
  /** Only requests whose path contains this, such as `/proj/search`. */
  path?: string;
  status?: number;
  delayMs?: number;
  body?: FaultBody;
  /** Sent with the replaced answer; the status is then 429 unless given. */
  retryAfterSeconds?: number;
  drop?: true;
  /** The request is handled as usual (a refresh rotates, a PUT applies), then the answer is lost. */
  dropAfterProcessing?: true;
}

const faultFields = [
  'target',
  'count',
  'path',
  'status',
  'delayMs',
  'body',
  'retryAfterSeconds',
  'drop',
  'dropAfterProcessing',
];

export type FaultPlanResult = { ok: true; plan: FaultPlan } | { ok: false; message: string };

const bodilessStatuses = [204, 205, 304];

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

export function parseFaultPlan(input: unknown): FaultPlanResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'A fault must be a JSON object' };
  }
  const fields: Record<string, unknown> = { ...input };
  const {
    target,
    count,
    path,
    status,
    delayMs,
    body,
    retryAfterSeconds,
    drop,
    dropAfterProcessing,
  } = fields;
  const dropped = drop === true || dropAfterProcessing === true;
  const unknownKey = Object.keys(fields).find((key) => !faultFields.includes(key));
  const rules: [passes: boolean, message: string][] = [
    [unknownKey === undefined, `Unknown fault field ${unknownKey ?? ''}`],
    [faultTargets.some((known) => known === target), `target must be ${faultTargets.join(', ')}`],
    [isWhole(count, 1, 10_000), 'count must be a whole number from 1 to 10000'],
    [
      path === undefined || (typeof path === 'string' && path !== ''),
      'path must be a non-empty string',
    ],
    [
      status === undefined || (isWhole(status, 200, 599) && !bodilessStatuses.includes(status)),
      'status must be from 200 to 599, except 204, 205 and 304, which have no body',
    ],
    [delayMs === undefined || isWhole(delayMs, 0, 60_000), 'delayMs must be from 0 to 60000'],
    [
      body === undefined || faultBodies.some((known) => known === body),
      `body must be ${faultBodies.join(', ')}`,
    ],
    [
      retryAfterSeconds === undefined || isWhole(retryAfterSeconds, 0, 86_400),
      'retryAfterSeconds must be a whole number from 0 to 86400',
    ],
    [drop === undefined || drop === true, 'drop must be true when present'],
    [
      dropAfterProcessing === undefined || dropAfterProcessing === true,
      'dropAfterProcessing must be true when present',
    ],
    [!(drop === true && dropAfterProcessing === true), 'Choose drop or dropAfterProcessing'],
    [
      !(dropped && (status ?? body ?? retryAfterSeconds) !== undefined),
      'A dropped connection has no status, body or Retry-After',
    ],
  ];
  const broken = rules.find(([passes]) => !passes);
  if (broken) return { ok: false, message: broken[1] };
  return { ok: true, plan: fields as unknown as FaultPlan };
}

const malformedJson = '{"data": [{"ID": "4c7a';

const gatewayPage = (status: number) =>
  `<!doctype html><html><head><title>${status} Error</title></head>` +
  `<body><h1>${status} Error</h1><p>The server could not answer.</p></body></html>`;

const apiErrorEnvelope = {
  error: {
    class: 'com.attask.common.InternalException',
    message: 'An injected fault answered this request.',
    title: null,
    msgKey: 'exception.internal',
    attributes: [],
    code: 0,
  },
};

export interface FaultInjector {
  add(plan: FaultPlan): void;
  pending(): FaultPlan[];
  clear(): void;
  middleware(target: FaultTarget): MiddlewareHandler<EmulatorEnv>;
}

/**
 * `epoch` is aborted at each reset: a request still delayed then is dropped, not handled against
 * the new state. A delay also ends when the client goes away.
 */
export function createFaultInjector(
  settings: () => Settings,
  epoch: () => AbortSignal,
): FaultInjector {
  let plans: FaultPlan[] = [];

  function take(target: FaultTarget, path: string): FaultPlan | undefined {
    const plan = plans.find(
      (candidate) =>
        candidate.target === target &&
        (candidate.path === undefined || path.includes(candidate.path)),
    );
    if (!plan) return undefined;
    plan.count -= 1;
    if (plan.count === 0) plans = plans.filter((candidate) => candidate !== plan);
    return plan;
  }

  function answer(
    c: Context<EmulatorEnv>,
    target: FaultTarget,
    status: ContentfulStatusCode,
    body: FaultBody,
  ) {
    if (body === 'malformed') {
      return c.body(malformedJson, status, { 'Content-Type': 'application/json' });
    }
    if (body === 'empty') return c.body(null, status);
    if (body === 'html' || target === 'authorize') return c.html(gatewayPage(status), status);
    if (target === 'token' || target === 'revoke') {
      const failure =
        status === 429
          ? tokenError('temporarily_unavailable', 'Too many requests: retry later')
          : tokenError('server_error', 'An injected fault answered this request');
      return c.json(tokenErrorBody(failure, status, settings().tokenErrorStyle), status);
    }
    if (status !== 429) return c.json(apiErrorEnvelope, status);
    // Workfront's own refusal that comes as a 429 here: the limit on concurrent requests.
    const limit = settings().maxConcurrentRequests || defaultSettings.maxConcurrentRequests;
    return c.json(threadLimitError(limit).toEnvelope(), status);
  }

  return {
    add(plan) {
      plans.push({ ...plan });
    },
    pending: () => plans.map((plan) => ({ ...plan })),
    clear() {
      plans = [];
    },
    middleware: (target) => async (c, next) => {
      const plan = take(target, new URL(c.req.url).pathname);
      if (!plan) return next();
      if (plan.delayMs !== undefined) {
        const socket = c.env.incoming.socket;
        const clientGone = new AbortController();
        const onClose = () => {
          clientGone.abort();
        };
        socket.once('close', onClose);
        try {
          await sleep(plan.delayMs, undefined, {
            signal: AbortSignal.any([epoch(), clientGone.signal]),
          });
        } catch {
          c.set('fault', `delay ${plan.delayMs} ms, abandoned`);
          socket.destroy();
          return c.body(null, 500);
        } finally {
          socket.off('close', onClose);
        }
      }
      if (plan.drop) {
        c.set('fault', 'drop');
        c.env.incoming.socket.destroy();
        return c.body(null, 500);
      }
      if (plan.dropAfterProcessing) {
        await next();
        c.set('fault', `drop after ${c.res.status}`);
        c.env.incoming.socket.destroy();
        return;
      }
      const { retryAfterSeconds } = plan;
      if (plan.status === undefined && plan.body === undefined && retryAfterSeconds === undefined) {
        c.set('fault', `delay ${plan.delayMs ?? 0} ms`);
        return next();
      }
      const status = (plan.status ??
        (retryAfterSeconds === undefined ? 500 : 429)) as ContentfulStatusCode;
      const body = plan.body ?? 'errorEnvelope';
      if (retryAfterSeconds === undefined) {
        c.set('fault', `${body} ${status}`);
      } else {
        c.set('fault', `${body} ${status}, Retry-After ${retryAfterSeconds}`);
        c.header('Retry-After', String(retryAfterSeconds));
      }
      return answer(c, target, status, body);
    },
  };
}
