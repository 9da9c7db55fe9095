import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { apiGet } from './pkce-client.ts';

const running = useEmulator();

const setupPath = '/setup/oauth-apps';

async function page(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

async function submit(
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; html: string; location: string | null; cacheControl: string | null }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  // A saved change redirects to the app's page, which shows what it made once.
  if (response.status === 303 && location?.includes('?shown=') === true) {
    const shown = await fetch(`${running.baseUrl}${location}`, { redirect: 'manual' });
    return {
      status: shown.status,
      html: await shown.text(),
      location,
      cacheControl: shown.headers.get('cache-control'),
    };
  }
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get('location'),
    cacheControl: response.headers.get('cache-control'),
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

const codeOf = (id: string, html: string) =>
  new RegExp(`<code id="${id}">([^<]+)</code>`).exec(html)?.[1];
const clientIdOf = (html: string) => codeOf('client-id', html) ?? '';
const secretOf = (html: string) => codeOf('client-secret', html);
const privateKeyOf = (html: string) => /<pre id="private-key">([^<]+)<\/pre>/.exec(html)?.[1];
const labelsOf = (html: string) =>
  [...html.matchAll(/<label for="[^"]+">([^<]+)<\/label>/g)].map((match) => match[1]);
const publicKeysOf = async (clientId: string) =>
  ((await (await running.control('GET', `/apps/${clientId}`)).json()) as { publicKeys: string[] })
    .publicKeys;

describe('/setup/oauth-apps', () => {
  it('lists the demo application and offers the three types', async () => {
    const { status, html } = await page(setupPath);
    expect(status).toBe(200);
    expect(html).toContain('Workfront OAuth SPA demo');
    expect(html).toContain('wf-demo-spa');
    for (const type of ['spa', 'web', 'm2m']) expect(html).toContain(`<option value="${type}">`);
    // Its own icon: no request for /favicon.ico, and no 404 in the console.
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
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

  it('redirects after a save: a reload of the page that showed a secret shows it no more, and makes no second app', async () => {
    const created = await submit(setupPath, spaForm({ type: 'web' }));
    expect(created.location).toMatch(/^\/setup\/oauth-apps\/[\w-]+\?shown=[\w-]+$/);
    expect(secretOf(created.html)).toBeDefined();
    const appCount = async () =>
      ((await (await running.control('GET', '/apps')).json()) as unknown[]).length;
    expect(await appCount()).toBe(2);

    const reloaded = await page(created.location ?? '');
    expect(reloaded.status).toBe(200);
    expect(secretOf(reloaded.html)).toBeUndefined();
    expect(reloaded.html).toContain('Delete client secret');
    expect(await appCount()).toBe(2);
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

  it('shows the fields of create-oauth-application.md for each type, in its order', async () => {
    expect(labelsOf((await page(`${setupPath}/new?type=spa`)).html)).toEqual([
      'Redirect URLs',
      'Absolute expiration',
      'Inactivity expiration',
      'Logo',
      'Name',
      'Description',
      'Application description URL',
      'Developer name',
      'Developer email address',
      'Privacy policy URL',
    ]);
    const spaPage = (await page(`${setupPath}/new?type=spa`)).html;
    expect(spaPage).toContain('Rotate refresh token every time it is used');
    const webPage = (await page(`${setupPath}/new?type=web`)).html;
    expect(labelsOf(webPage).slice(0, 3)).toEqual([
      'Redirect URLs',
      'Absolute refresh token expiration',
      'Inactivity refresh token expiration',
    ]);
    expect(webPage).toContain('Refresh token rotation');
    expect(labelsOf((await page(`${setupPath}/new?type=m2m`)).html)).toEqual([
      'Name',
      'Description',
    ]);
  });

  it('keeps the application description URL, and refuses one that is not a URL', async () => {
    const url = 'https://reports.example.com/about';
    const { html } = await submit(setupPath, spaForm({ applicationDescriptionUrl: url }));
    const app = (await (
      await running.control('GET', `/apps/${clientIdOf(html)}`)
    ).json()) as object;
    expect(app).toMatchObject({ applicationDescriptionUrl: url });
    const refused = await submit(setupPath, spaForm({ applicationDescriptionUrl: 'about us' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="applicationDescriptionUrl-error"');
  });

  it('shows the client ID and the customer ID in the details of every app', async () => {
    const { html } = await page(`${setupPath}/wf-demo-spa`);
    expect(clientIdOf(html)).toBe('wf-demo-spa');
    expect(codeOf('customer-id', html)).toBe('5e0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b');
  });

  it('refuses a localhost redirect URL with rejectLocalhostRedirects', async () => {
    await running.control('POST', '/settings', { rejectLocalhostRedirects: true });
    const { status, html } = await submit(
      setupPath,
      spaForm({ redirectUrls: 'http://localhost:3000/callback' }),
    );
    expect(status).toBe(400);
    expect(html).toContain(
      'localhost cannot be used as a valid redirect URL: http://localhost:3000/callback',
    );
    const saved = await submit(
      `${setupPath}/wf-demo-spa`,
      spaForm({ name: 'Renamed demo', redirectUrls: 'http://localhost:5173/callback' }),
    );
    expect(saved.status).toBe(200);
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

describe('the public keys of a machine-to-machine app', () => {
  async function createM2m() {
    const created = await submit(setupPath, { type: 'm2m', name: 'Nightly sync', description: '' });
    return {
      html: created.html,
      cacheControl: created.cacheControl,
      clientId: clientIdOf(created.html),
      clientSecret: secretOf(created.html) ?? '',
    };
  }

  it('generates a key pair, shows the private key once, and the exchange takes a JWT it signed', async () => {
    const created = await createM2m();
    expect(created.html).toContain('This application has no public key.');
    expect(created.html).toContain('>Add public key</button>');
    expect(created.html).toContain('>Generate a public/private keypair</button>');

    const generated = await submit(`${setupPath}/${created.clientId}/public-keys/generate`, {});
    expect(generated.status).toBe(200);
    const privateKeyPem = privateKeyOf(generated.html) ?? '';
    expect(privateKeyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/,
    );
    const [publicKey] = await publicKeysOf(created.clientId);
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(JSON.stringify(await publicKeysOf(created.clientId))).not.toContain('PRIVATE');
    expect(privateKeyOf((await page(`${setupPath}/${created.clientId}`)).html)).toBeUndefined();

    const customerId = codeOf('customer-id', generated.html) ?? '';
    const userId = codeOf('user-id', generated.html) ?? '';
    const jwt = await new SignJWT()
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(customerId)
      .setSubject(userId)
      .setExpirationTime('3m')
      .sign(await importPKCS8(privateKeyPem, 'RS256'));
    const exchange = await fetch(`${running.baseUrl}/integrations/oauth2/api/v1/jwt/exchange`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: created.clientId,
        client_secret: created.clientSecret,
        jwt_token: jwt,
      }),
    });
    expect(exchange.status).toBe(200);
    const { access_token: accessToken } = (await exchange.json()) as { access_token: string };
    const me = await apiGet(
      running.baseUrl,
      'user/search?ID=$$USER.ID&fields=emailAddr',
      accessToken,
    );
    expect(await me.json()).toMatchObject({
      data: [{ ID: userId, emailAddr: 'demo@example.com' }],
    });
  });

  it('sends the pages that show a client secret or a private key with no-store', async () => {
    const created = await createM2m();
    expect(created.clientSecret).not.toBe('');
    expect(created.cacheControl).toBe('no-store');
    const { clientId } = created;
    await submit(`${setupPath}/${clientId}/client-secret/delete`, {});
    const secret = await submit(`${setupPath}/${clientId}/client-secret`, {});
    expect(secretOf(secret.html)).toBeDefined();
    expect(secret.cacheControl).toBe('no-store');
    const generated = await submit(`${setupPath}/${clientId}/public-keys/generate`, {});
    expect(privateKeyOf(generated.html)).toBeDefined();
    expect(generated.cacheControl).toBe('no-store');
  });

  it('adds a pasted public key, lists it with its fingerprint, and deletes it', async () => {
    const { clientId } = await createM2m();
    const pair = await generateKeyPair('RS256', { extractable: true });
    const publicKey = await exportSPKI(pair.publicKey);
    const added = await submit(`${setupPath}/${clientId}/public-keys`, { publicKey });
    expect(added.status).toBe(200);
    expect(await publicKeysOf(clientId)).toEqual([publicKey.trim()]);
    const fingerprint = /<code class="public-key-fingerprint">([0-9a-f]{64})<\/code>/.exec(
      added.html,
    )?.[1];
    expect(fingerprint).toBeDefined();

    const again = await submit(`${setupPath}/${clientId}/public-keys`, { publicKey });
    expect(again.status).toBe(400);
    expect(again.html).toMatch(
      /<p class="error" id="publicKey-error">The same public key is listed twice/,
    );

    const privateKey = await exportPKCS8(pair.privateKey);
    const pasted = await submit(`${setupPath}/${clientId}/public-keys`, { publicKey: privateKey });
    expect(pasted.status).toBe(400);
    expect(pasted.html).toContain('This is a private key');
    expect(await publicKeysOf(clientId)).toHaveLength(1);

    const deleted = await submit(
      `${setupPath}/${clientId}/public-keys/${fingerprint ?? ''}/delete`,
      {},
    );
    expect(deleted.html).toContain('This application has no public key.');
    expect(await publicKeysOf(clientId)).toEqual([]);
  });
});
