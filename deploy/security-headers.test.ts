import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../src/config/app-config.ts';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});

/** The policy as a map of directive to its sources, in order. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (!name) continue;
    expect(parsed.has(name), `${name} appears once`).toBe(false);
    parsed.set(name, sources);
  }
  return parsed;
}

describe('the Content-Security-Policy', () => {
  const policy = contentSecurityPolicy(config);
  const csp = directives(policy);

  it('is the one securityHeaders sends', () => {
    expect(securityHeaders(config)['Content-Security-Policy']).toBe(policy);
  });

  it("starts workers from this origin only: worker-src 'self'", () => {
    expect(csp.get('worker-src')).toEqual(["'self'"]);
  });

  it('allows one Trusted Types policy, the token vault’s, and requires Trusted Types for scripts', () => {
    expect(csp.get('trusted-types')).toEqual(['workfront-vault']);
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
  });

  it("has no 'unsafe-' source anywhere: no inline, eval, hashes or WebAssembly exceptions", () => {
    expect(policy).not.toMatch(/unsafe-/i);
    for (const [name, sources] of csp) {
      for (const source of sources) expect(source, name).not.toMatch(/unsafe/i);
    }
  });

  it('keeps scripts to this origin and refuses anything not named', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('stays the same, worker and Trusted Types included, whatever the configured endpoints', () => {
    const other = contentSecurityPolicy(
      parseAppConfig(
        {
          workfrontUrl: 'https://other.my.workfront.com',
          clientId: 'spa',
          redirectPath: '/callback',
          tokenEndpoint: 'https://work.example.com/oauth/token',
        },
        'https://work.example.com',
      ),
    );
    const parsed = directives(other);
    expect(parsed.get('worker-src')).toEqual(["'self'"]);
    expect(parsed.get('trusted-types')).toEqual(['workfront-vault']);
    expect(parsed.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(other).not.toMatch(/unsafe-/i);
  });
});
