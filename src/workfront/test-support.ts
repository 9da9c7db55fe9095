import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { WorkfrontAuth } from './workfront-client';

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

/** A stand-in for the auth module: each refresh issues `token-<n+1>`. */
export function createFakeAuth(initialToken = 'token-1') {
  let token = initialToken;
  let issued = 1;
  const auth = {
    getAccessToken: vi.fn(() => Promise.resolve(token)),
    refresh: vi.fn(() => {
      issued += 1;
      token = `token-${issued}`;
      return Promise.resolve();
    }),
    endSession: vi.fn(() => Promise.resolve()),
    /** What another caller's refresh does: the token changes under this one. */
    replaceToken(next: string) {
      token = next;
    },
  } satisfies WorkfrontAuth & { replaceToken(next: string): void };
  return auth;
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
