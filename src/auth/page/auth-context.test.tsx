import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthClient } from './auth-client';
import { AuthProvider, useAuthClient, useAuthState } from './auth-context';
import { fakeAuthClient } from '../test/fake-auth-client';

afterEach(cleanup);

const wrapperFor =
  (client: AuthClient) =>
  ({ children }: { children: ReactNode }) => (
    <AuthProvider client={client}>{children}</AuthProvider>
  );

describe('the auth context', () => {
  it('gives components the client it was given', () => {
    const { client } = fakeAuthClient();
    const { result } = renderHook(() => useAuthClient(), { wrapper: wrapperFor(client) });
    expect(result.current).toBe(client);
  });

  it('renders again with each new auth state, and only the state: never a token', () => {
    const fake = fakeAuthClient();
    const { result } = renderHook(() => useAuthState(), { wrapper: wrapperFor(fake.client) });
    expect(result.current).toEqual({ status: 'signed-out', reason: 'none' });
    act(() => {
      fake.set({ status: 'signed-in', expiresAt: 1_000 });
    });
    expect(result.current).toEqual({ status: 'signed-in', expiresAt: 1_000 });
  });

  it('lets go of its subscription when the component unmounts', () => {
    const fake = fakeAuthClient();
    const { unmount } = renderHook(() => useAuthState(), { wrapper: wrapperFor(fake.client) });
    expect(fake.listeners.size).toBe(1);
    unmount();
    expect(fake.listeners.size).toBe(0);
  });

  it('says plainly when it is used outside the provider', () => {
    expect(() => renderHook(() => useAuthClient())).toThrow(
      'useAuthClient must be used inside <AuthProvider>',
    );
  });
});
