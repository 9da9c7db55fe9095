import { describe, expect, it } from 'vitest';
import { AuthProblemError } from './auth-errors';

describe('AuthProblemError', () => {
  it('carries the problem the screens explain, named by its kind', () => {
    const error = new AuthProblemError({ kind: 'code-rejected', description: 'expired' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AuthProblemError');
    expect(error.message).toBe('code-rejected');
    expect(error.problem).toEqual({ kind: 'code-rejected', description: 'expired' });
  });

  it("tells the app's own bounce after a reload from the user's sign-in", () => {
    expect(new AuthProblemError({ kind: 'access-denied' }).afterReload).toBe(false);
    expect(new AuthProblemError({ kind: 'access-denied' }, true).afterReload).toBe(true);
  });
});
