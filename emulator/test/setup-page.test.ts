import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './harness.ts';

let running: RunningEmulator;

beforeAll(async () => {
  running = await startEmulator();
});
afterAll(() => running.close());
beforeEach(async () => {
  await running.control('POST', '/reset');
});

const setupPath = '/setup/oauth-apps';

async function page(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

async function submit(
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; html: string; location: string | null }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get('location'),
  };
}

const spaForm = (overrides: Record<string, string> = {}) => ({
  type: 'spa',
  name: 'Reporting',
  redirectUrls: 'https://reports.example.com/callback\nhttps://reports.example.com/again',
  rotateRefreshToken: 'on',
  absoluteExpirationSeconds: '',
  inactivityExpirationSeconds: '86400',
  ...overrides,
});

const clientIdOf = (html: string) => /<code id="client-id">([^<]+)<\/code>/.exec(html)?.[1] ?? '';
const secretOf = (html: string) => /<code id="client-secret">([^<]+)<\/code>/.exec(html)?.[1];

describe('/setup/oauth-apps', () => {
  it('lists the demo application and offers the three types', async () => {
    const { status, html } = await page(setupPath);
    expect(status).toBe(200);
    expect(html).toContain('Workfront OAuth SPA demo');
    expect(html).toContain('wf-demo-spa');
    for (const type of ['spa', 'web', 'm2m']) expect(html).toContain(`<option value="${type}">`);
  });

  it('creates a single-page application from the form', async () => {
    const { status, html } = await submit(setupPath, spaForm());
    expect(status).toBe(200);
    const clientId = clientIdOf(html);
    const app = (await (await running.control('GET', `/apps/${clientId}`)).json()) as object;
    expect(app).toMatchObject({
      name: 'Reporting',
      redirectUrls: ['https://reports.example.com/callback', 'https://reports.example.com/again'],
      rotateRefreshToken: true,
      absoluteExpirationSeconds: null,
      inactivityExpirationSeconds: 86_400,
    });
  });

  it('shows the client secret of a web application once, with its actions', async () => {
    const created = await submit(setupPath, spaForm({ type: 'web' }));
    const secret = secretOf(created.html);
    expect(secret).toMatch(/^[\w-]{43}$/);
    const clientId = clientIdOf(created.html);
    const later = await page(`${setupPath}/${clientId}`);
    expect(secretOf(later.html)).toBeUndefined();
    expect(later.html).toContain('Delete client secret');

    const deleted = await submit(`${setupPath}/${clientId}/client-secret/delete`, {});
    expect(deleted.html).toContain('Add client secret');
    const added = await submit(`${setupPath}/${clientId}/client-secret`, {});
    expect(secretOf(added.html)).not.toBe(secret);
  });

  it('says on the page that a machine-to-machine token exchange is not emulated', async () => {
    const { html } = await page(`${setupPath}/new?type=m2m`);
    expect(html).toContain('does not implement their JWT');
    expect(html).toContain('Public key');
  });

  it.each([
    ['an empty name', { name: '' }, 'name', 'Name is required'],
    ['a relative redirect URL', { redirectUrls: '/callback' }, 'redirectUrls', 'not an absolute'],
    ['a malformed redirect URL', { redirectUrls: 'https//x' }, 'redirectUrls', 'not an absolute'],
    [
      'a text expiration',
      { inactivityExpirationSeconds: 'soon' },
      'inactivityExpirationSeconds',
      'whole number',
    ],
  ])('shows %s next to its field and saves nothing', async (_, overrides, field, message) => {
    const { status, html } = await submit(setupPath, spaForm(overrides));
    expect(status).toBe(400);
    expect(html).toMatch(new RegExp(`<p class="error" id="${field}-error">[^<]*${message}`));
    expect(html).toContain(`aria-describedby="${field}-error"`);
    expect(((await (await running.control('GET', '/apps')).json()) as unknown[]).length).toBe(1);
  });

  it('refuses an 11th application on the form', async () => {
    for (let index = 2; index <= 10; index += 1) {
      await submit(setupPath, spaForm({ name: `App ${index}` }));
    }
    expect((await page(setupPath)).html).toContain('delete one to create another');
    const { status, html } = await submit(setupPath, spaForm({ name: 'App 11' }));
    expect(status).toBe(409);
    expect(html).toContain('at most 10 OAuth2 applications');
  });

  it('escapes what the administrator typed', async () => {
    await submit(setupPath, spaForm({ name: '<script>alert("x")</script>' }));
    const { html } = await page(setupPath);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('edits and deletes an application', async () => {
    const edited = await submit(
      `${setupPath}/wf-demo-spa`,
      spaForm({ name: 'Renamed demo', redirectUrls: 'http://localhost:5173/callback' }),
    );
    expect(edited.status).toBe(200);
    expect(edited.html).toContain('Renamed demo');
    const invalid = await submit(`${setupPath}/wf-demo-spa`, spaForm({ name: '' }));
    expect(invalid.status).toBe(400);
    expect((await page(`${setupPath}/wf-demo-spa`)).html).toContain('Renamed demo');

    const deleted = await submit(`${setupPath}/wf-demo-spa/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe(setupPath);
    expect((await page(`${setupPath}/wf-demo-spa`)).status).toBe(404);
  });
});
