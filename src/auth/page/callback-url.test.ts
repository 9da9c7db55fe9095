import { describe, expect, it } from 'vitest';
import { checkCallbackUrl } from './callback-url';

const base = 'http://localhost:4173/callback';

describe('checkCallbackUrl', () => {
  it('passes an echoed state through untouched', () => {
    const href = `${base}?code=c1&domain=acme&lane=preview&state=s1`;
    expect(checkCallbackUrl(href, ['s1', 's2'])).toEqual({ ok: true, url: href });
  });

  it('supplies the one pending state when Workfront did not echo it', () => {
    const result = checkCallbackUrl(`${base}?code=c1&domain=acme&lane=preview`, ['s1']);
    expect(result.ok && new URL(result.url).searchParams.get('state')).toBe('s1');
  });

  it('supplies it for an error response too, so the error reaches the user', () => {
    const result = checkCallbackUrl(`${base}?error=access_denied`, ['s1']);
    expect(result.ok && new URL(result.url).searchParams.get('state')).toBe('s1');
  });

  it('refuses a missing state when no sign-in is pending', () => {
    expect(checkCallbackUrl(`${base}?code=c1`, [])).toEqual({
      ok: false,
      problem: 'missing-state',
    });
  });

  it('refuses a missing state when several sign-ins are pending', () => {
    expect(checkCallbackUrl(`${base}?code=c1`, ['s1', 's2'])).toEqual({
      ok: false,
      problem: 'ambiguous-state',
    });
  });

  it('treats an empty state as missing', () => {
    expect(checkCallbackUrl(`${base}?code=c1&state=`, [])).toEqual({
      ok: false,
      problem: 'missing-state',
    });
  });

  it('refuses duplicated parameters', () => {
    expect(checkCallbackUrl(`${base}?code=c1&code=c2&state=s1`, ['s1'])).toEqual({
      ok: false,
      problem: 'duplicated-parameter',
    });
    expect(checkCallbackUrl(`${base}?code=c1&state=s1&state=s2`, ['s1'])).toEqual({
      ok: false,
      problem: 'duplicated-parameter',
    });
  });

  it('recognises a URL that is no callback at all', () => {
    expect(checkCallbackUrl(base, ['s1'])).toEqual({ ok: false, problem: 'not-a-callback' });
  });
});
