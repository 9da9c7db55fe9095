import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { authorizePath, createBrowser, createPkcePair, signIn } from './pkce-client.ts';

const running = useEmulator();

const authorize = () => authorizePath({ challenge: createPkcePair().challenge });

describe("the instance's sign-out page, /logout", () => {
  it('ends the browser session: the next authorize asks for the password again', async () => {
    const { browser } = await signIn(running.baseUrl);
    expect((await browser.get(authorize())).status).toBe(302);

    const signedOut = await browser.get('/logout');
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get('cache-control')).toBe('no-store');
    expect(signedOut.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const html = await signedOut.text();
    expect(html).toContain('You are signed out of Workfront');
    expect(html).toContain('asks for your email and password');
    expect(browser.setCookieLines.at(-1)).toMatch(/^wf_emulator_session=;.*Max-Age=0/);

    const again = await browser.get(authorize());
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('name="password"');
  });

  it('ends the session itself: a copy of the old cookie signs no one in', async () => {
    const { browser } = await signIn(running.baseUrl);
    const copy = createBrowser(running.baseUrl);
    copy.cookies.set('wf_emulator_session', browser.cookies.get('wf_emulator_session') ?? '');
    await browser.get('/logout');

    const replayed = await copy.get(authorize());
    expect(replayed.status).toBe(200);
    expect(await replayed.text()).toContain('name="password"');
  });

  it("says so when no one was signed in, and ends no other browser's session", async () => {
    const { browser: other } = await signIn(running.baseUrl);
    const response = await createBrowser(running.baseUrl).get('/logout');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('No one was signed in to Workfront in this browser.');
    expect((await other.get(authorize())).status).toBe(302);
  });
});
