import { QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import {
  createWorkfrontClient,
  type WorkfrontAnswer,
  type WorkfrontRequest,
  type WorkfrontSession,
} from '../workfront-client';
import { WorkfrontApiError } from '../workfront-errors';

/** jsdom's fetch needs absolute URLs: the proxy-mode base on the test page's origin. */
export const apiBase = 'http://localhost/attask/api/v20.0';

/** An MSW server for one test file: unhandled requests fail the test instead of going out. */
export function setupWorkfrontServer() {
  const server = setupServer();
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    server.resetHandlers();
  });
  afterAll(() => {
    server.close();
  });
  return server;
}

/** What a stand-in Workfront answers: the body as sent, text. */
export interface FakeAnswer {
  status: number;
  body: string;
  retryAfter?: string | null;
}

/** A request as it reached the stand-in Workfront, with the credential the session sent it with. */
export interface SentRequest extends WorkfrontRequest {
  credential: number;
  /** The token the session would send as `sessionID` for that credential: `token-<n>`. */
  token: string;
}

/** Answers a request, as Workfront would; throwing (or rejecting) is a network failure. */
export type FakeWorkfront = (
  request: SentRequest,
  signal: AbortSignal | undefined,
) => FakeAnswer | Promise<FakeAnswer>;

/** A JSON answer. */
export function json(value: unknown, status = 200, retryAfter?: string): FakeAnswer {
  return {
    status,
    body: JSON.stringify(value),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/**
 * Sends the request with `fetch`, as the token vault does (src/auth/vault/api-call.ts), so that an
 * MSW handler answers it: `sessionID: token-<credential>` and the form as the body.
 */
export const viaFetch: FakeWorkfront = async (request, signal) => {
  const headers: Record<string, string> = {
    sessionID: request.token,
    'X-Requested-With': 'XMLHttpRequest',
    Accept: 'application/json',
  };
  if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.form,
    signal,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('Retry-After'),
    body: await response.text(),
  };
};

/** Waits for `signal` to abort, as a request Workfront never answers; rejects with its reason. */
export function never(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      reject(signal.reason as Error);
    });
  });
}

/**
 * A stand-in for the signed-in session (the token vault behind src/auth): each request is
 * answered by `workfront` with the current credential, starting at 1; a refresh naming the
 * current credential issues the next one, and one naming an older credential does nothing (another
 * caller refreshed already). After `sessionEnded` or `signOut`, `send` answers 'no-session'.
 */
export function createFakeSession(workfront: FakeWorkfront = viaFetch) {
  let credential = 1;
  let signedIn = true;
  const sent: SentRequest[] = [];
  const session = {
    send: vi.fn(
      async (
        request: WorkfrontRequest,
        signal?: AbortSignal,
      ): Promise<WorkfrontAnswer | 'no-session'> => {
        // As the vault connection does: an aborted signal sends nothing.
        signal?.throwIfAborted();
        if (!signedIn) return 'no-session';
        const used = credential;
        const arrived: SentRequest = {
          ...request,
          credential: used,
          token: `token-${String(used)}`,
        };
        sent.push(arrived);
        const answer = await workfront(arrived, signal);
        return {
          status: answer.status,
          retryAfter: answer.retryAfter ?? null,
          body: answer.body,
          credential: used,
        };
      },
    ),
    refresh: vi.fn((_reason: 'rejected-by-workfront', seen: number) => {
      if (seen === credential) credential += 1;
      return Promise.resolve();
    }),
    sessionEnded: vi.fn(() => {
      signedIn = false;
      return Promise.resolve();
    }),
    /** Every request that reached Workfront, in order. */
    sent,
    /** The credential the next request goes with. */
    credential: () => credential,
    /** What another caller's refresh does: the credential changes under this one. */
    refreshElsewhere() {
      credential += 1;
    },
    signOut() {
      signedIn = false;
    },
  } satisfies WorkfrontSession & Record<string, unknown>;
  return session;
}

export const authenticationError = {
  error: {
    class: 'com.attask.common.AuthenticationException',
    message: 'You are not currently logged in.',
    title: null,
    msgKey: 'exception.auth',
    attributes: [],
    code: 0,
  },
};

export function workfrontError(errorClass: string, message: string) {
  return {
    error: { class: errorClass, message, title: null, msgKey: 'x', attributes: [], code: 0 },
  };
}

/** A 32-hex-character Workfront ID: one hex digit for the family, then the number. */
export function wfId(family: number, n: number): string {
  return `${family.toString(16)}${n.toString(16).padStart(31, '0')}`;
}

/** A task as Workfront's wire has it, in project "Launch". */
export function wireTask(
  n: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ID: wfId(0xa, n),
    objCode: 'TASK',
    name: `Task ${n}`,
    status: 'INP',
    percentComplete: 40,
    priority: 2,
    plannedCompletionDate: '2026-03-24T17:00:00:000+0400',
    project: { ID: wfId(0xb, 1), name: 'Launch', objCode: 'PROJ' },
    ...overrides,
  };
}

/** The error a promise fails with, which must be Workfront data the app cannot read. */
export async function malformedError(promise: Promise<unknown>): Promise<WorkfrontApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WorkfrontApiError);
  expect((error as WorkfrontApiError).kind).toBe('malformed');
  return error as WorkfrontApiError;
}

/**
 * A test file's fake Workfront, a client of it, and a QueryClient that forgets every query and
 * mutation after each test, with no retries.
 */
export function setupQueryTest() {
  const server = setupWorkfrontServer();
  const client = createWorkfrontClient(apiBase, createFakeSession());
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  afterEach(() => {
    queryClient.clear();
  });
  return { server, client, queryClient };
}

/**
 * What work/myWork may do with `$$FIRST` and `$$LIMIT`, as the emulator's `myWorkPaging` switch
 * offers: apply both, ignore both, or apply `$$LIMIT` but always start from the first item.
 */
export const pagingBehaviours = ['honoured', 'ignored', 'limit-only'] as const;
export type PagingBehaviour = (typeof pagingBehaviours)[number];

/** The part of `items` that an instance with this paging behaviour answers. */
export function pageAsServed<T>(
  items: readonly T[],
  paging: PagingBehaviour,
  first: number,
  limit: number,
): T[] {
  switch (paging) {
    case 'honoured':
      return items.slice(first, first + limit);
    case 'ignored':
      return [...items];
    case 'limit-only':
      return items.slice(0, limit);
  }
}
