/**
 * Bad inputs from every direction: the redirect back from Workfront, the return path, the
 * configuration file, the token endpoint and the REST API. For each one: no uncaught error or
 * policy violation (the fixture), a screen that names the problem and offers a way forward, and
 * no token in storage, the URL or the DOM. The count of inputs is in SECURITY.md.
 */
import type { Page, Route } from '@playwright/test';
import { demoUser, expect, expectSignedIn, signIn, test, networkInReach } from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { serveAppConfig } from './support/app-config';
import { emulator, emulatorUrl } from './support/emulator';
import { expectExplained, expectNoTokenLeak } from './support/safety';
import { appOrigin, expectAfterRetries, failOnDialogs, itemCount } from './support/screens';
import { runClock } from './support/page-clock';

// It watches or edits the app's requests to Workfront (fixtures.ts, networkInReach).
test.use(networkInReach);

const tokenUrl = `${emulatorUrl}/integrations/oauth2/api/v1/token`;
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const tryAgain = (page: Page) => page.getByRole('button', { name: 'Try again' });

/** Starts a sign-in and stops at Workfront's login page; returns the state now pending. */
async function startSignIn(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
  await page.getByLabel('Email').waitFor();
  return new URL(page.url()).searchParams.get('state') ?? '';
}

/**
 * Signs in at Workfront and stops before the redirect back; returns the callback URL. Playwright
 * does not route the request a redirect leads to, so Workfront's redirect itself is caught.
 */
async function captureCallback(page: Page): Promise<string> {
  let captured = '';
  await page.route(
    (url) => url.origin === emulatorUrl && url.pathname.startsWith('/integrations/oauth2/'),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location ?? '';
      if (!location.startsWith(`${appOrigin}/callback`)) return route.fulfill({ response });
      captured = location;
      return route.fulfill({ contentType: 'text/html', body: '<p>Redirect caught</p>' });
    },
  );
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
  // Workfront asks for the password and consent only if it does not know the browser yet.
  const email = page.getByLabel('Email');
  const allow = page.getByRole('button', { name: 'Allow' });
  await expect(async () => {
    if (!captured && (await email.isVisible())) {
      await email.fill(demoUser.email);
      await page.getByLabel('Password').fill(demoUser.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    if (!captured && (await allow.isVisible())) await allow.click();
    expect(captured).not.toBe('');
  }).toPass();
  await page.unrouteAll();
  return captured;
}

const huge = 'A'.repeat(4_000);
const unicode = 'código-✓-ステート-🔐-\u202Eevil';

test.describe('callback URLs', () => {
  const notBelonging = 'This sign-in response does not belong to this tab';
  const cases: { name: string; query: (pending: string) => string; expected: string }[] = [
    { name: 'no parameters', query: () => '', expected: 'There is no sign-in to finish' },
    {
      name: 'a state and no code',
      query: (state) => `state=${state}`,
      expected: 'There is no sign-in to finish',
    },
    {
      name: 'a duplicated code',
      query: (state) => `code=one&code=two&state=${state}`,
      expected: notBelonging,
    },
    {
      name: 'a duplicated state',
      query: (state) => `code=one&state=${state}&state=${state}`,
      expected: notBelonging,
    },
    {
      name: 'a huge code',
      query: (state) => `code=${huge}&state=${state}`,
      expected: 'The sign-in code was not accepted',
    },
    { name: 'a huge state', query: () => `code=one&state=${huge}`, expected: notBelonging },
    {
      name: 'a Unicode code',
      query: (state) => `code=${encodeURIComponent(unicode)}&state=${state}`,
      expected: 'The sign-in code was not accepted',
    },
    {
      name: 'a Unicode state',
      query: () => `code=one&state=${encodeURIComponent(unicode)}`,
      expected: notBelonging,
    },
    {
      name: 'both a code and an error',
      query: (state) => `code=one&error=access_denied&state=${state}`,
      expected: 'Access was not allowed',
    },
  ];
  for (const { name, query, expected } of cases) {
    test(`${name} is explained, with a way to sign in again`, async ({ page, issuedTokens }) => {
      const pending = await startSignIn(page);
      await page.goto(`/callback?${query(pending)}`);
      await expectExplained(page, issuedTokens, heading(page, expected), tryAgain(page));
      await expect(page).toHaveURL('/callback');
    });
  }

  test('a code with no state and no sign-in pending is refused', async ({ page, issuedTokens }) => {
    await page.goto('/callback?code=one&domain=emulator&lane=preview');
    await expectExplained(page, issuedTokens, heading(page, notBelonging), tryAgain(page));
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);
  });

  test('a state from another tab is refused, and exchanges nothing', async ({
    page,
    context,
    issuedTokens,
  }) => {
    await startSignIn(page);
    const other = await context.newPage();
    const callbackOfOther = await captureCallback(other);
    await page.goto(callbackOfOther);
    await expectExplained(page, issuedTokens, heading(page, notBelonging), tryAgain(page));
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);
  });

  test('the state of an older sign-in of this tab is refused', async ({ page, issuedTokens }) => {
    const older = await captureCallback(page);
    // Starting again abandons the older sign-in; the newer one is pending when the older returns.
    await captureCallback(page);
    await page.goto(older);
    await expectExplained(page, issuedTokens, heading(page, notBelonging), tryAgain(page));
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);
  });

  test('a code issued to another client is not accepted', async ({ page, issuedTokens }) => {
    const { clientId } = await emulator.createApp({
      type: 'spa',
      name: 'Another app',
      redirectUrls: [`${appOrigin}/callback`],
      rotateRefreshToken: true,
      absoluteExpirationSeconds: null,
      inactivityExpirationSeconds: 15_552_000,
    });
    // An instance that does not echo state (config.json says so): this tab has a sign-in pending;
    // Workfront then answers another client's request without state, which the app matches to
    // the one pending sign-in. PKCE and the client binding stop it.
    await serveAppConfig(page, { stateEcho: false });
    await startSignIn(page);
    await page.getByLabel('Email').fill(demoUser.email);
    await page.getByLabel('Password').fill(demoUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    const authorize = new URL(`${emulatorUrl}/integrations/oauth2/authorize`);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: `${appOrigin}/callback`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      scope: 'offline_access',
    }).toString();
    await page.goto(authorize.href);
    await page.getByRole('button', { name: 'Allow' }).click();

    await expectExplained(
      page,
      issuedTokens,
      heading(page, 'The sign-in code was not accepted'),
      tryAgain(page),
    );
    const exchanges = await emulator.tokenCalls('authorization_code');
    expect(exchanges.map((call) => call.status)).toEqual([400]);
  });

  test('an expired code is not accepted', async ({ page, issuedTokens }) => {
    // The code reaches the token endpoint 121 seconds after Workfront issued it.
    await page.route(tokenUrl, async (route) => {
      await emulator.advanceClock(121);
      await route.continue();
    });
    await page.goto('/');
    await signIn(page);
    await expectExplained(
      page,
      issuedTokens,
      heading(page, 'The sign-in code was not accepted'),
      tryAgain(page),
    );
    await page.unroute(tokenUrl);
    await tryAgain(page).click();
    await expectSignedIn(page);
  });

  for (const [name, error, description] of [
    ['script in error_description', 'invalid_request', '<script>alert(1)</script>'],
    ['HTML in error', '<img src=x onerror=alert(1)>', 'x" onmouseover="alert(1)'],
  ] as const) {
    test(`${name} is shown as text`, async ({ page, issuedTokens }) => {
      const dialogs = failOnDialogs(page);
      const pending = await startSignIn(page);
      const query = new URLSearchParams({ error, error_description: description, state: pending });
      await page.goto(`/callback?${query.toString()}`);
      await expectExplained(
        page,
        issuedTokens,
        heading(page, 'Workfront refused the sign-in'),
        tryAgain(page),
      );
      await expect(page.getByText(description)).toBeVisible();
      expect(await page.locator('main img, main script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
  }
});

test.describe('return paths', () => {
  const hostile = [
    '/\\evil.example',
    '\\\\evil.example',
    '///evil.example',
    ' //evil.example',
    'javascript:alert(document.domain)',
    'JaVaScRiPt:alert(1)',
    'https://evil.example/work',
    'HTTPS://EVIL.EXAMPLE',
    `${appOrigin}.evil.example/`,
    '%2F%2Fevil.example',
    '/\t/evil.example',
    'data:text/html,<script>alert(1)</script>',
  ];
  for (const returnTo of hostile) {
    test(`sign-in with returnTo ${JSON.stringify(returnTo)} lands on My work`, async ({
      page,
      issuedTokens,
    }) => {
      await page.goto(`/?returnTo=${encodeURIComponent(returnTo)}`);
      await signIn(page);
      await expect(page).toHaveURL(`${appOrigin}/work`);
      await expectSignedIn(page);
      await expectNoTokenLeak(page, issuedTokens);
    });
  }

  test('a signed-in visit with returnTo //evil.example stays in the app', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    const crafted = `/?returnTo=${encodeURIComponent('//evil.example/steal')}`;
    // Reached inside the app, signed in: the start page sends the user on, to a path of its own.
    await page.evaluate((url) => {
      history.pushState(null, '', url);
      dispatchEvent(new PopStateEvent('popstate'));
    }, crafted);
    await expect(page).toHaveURL(`${appOrigin}/work`);
    await expectSignedIn(page);
    // Loaded afresh: the start page never bounces, and signing in lands in the app as well.
    await page.goto(crafted);
    await signIn(page, { expectPrompt: false });
    await expect(page).toHaveURL(`${appOrigin}/work`);
    await expectSignedIn(page);
    await expectNoTokenLeak(page, issuedTokens);
  });

  test('an encoded backslash stays a path of this origin', async ({ page, issuedTokens }) => {
    await page.goto(`/?returnTo=${encodeURIComponent('/%5Cevil.example')}`);
    await signIn(page);
    await expect(page).toHaveURL(`${appOrigin}/%5Cevil.example`);
    await expectSignedIn(page);
    await expectNoTokenLeak(page, issuedTokens);
  });
});

test.describe('config files', () => {
  const valid = {
    workfrontUrl: emulatorUrl,
    clientId: 'wf-demo-spa',
    redirectPath: '/callback',
    apiVersion: 'v20.0',
  };
  const cases: { name: string; field: string; body: string; status?: number }[] = [
    {
      name: 'a missing clientId',
      field: 'clientId',
      body: JSON.stringify({ ...valid, clientId: undefined }),
    },
    {
      name: 'a non-URL workfrontUrl',
      field: 'workfrontUrl',
      body: JSON.stringify({ ...valid, workfrontUrl: 'acme workfront' }),
    },
    {
      name: 'an http: Workfront that is not localhost',
      field: 'workfrontUrl',
      body: JSON.stringify({ ...valid, workfrontUrl: 'http://acme.my.workfront.com' }),
    },
    {
      name: 'credentials in workfrontUrl',
      field: 'workfrontUrl',
      body: JSON.stringify({
        ...valid,
        workfrontUrl: 'https://admin:secret@acme.my.workfront.com',
      }),
    },
    {
      name: 'a number for clientId',
      field: 'clientId',
      body: JSON.stringify({ ...valid, clientId: 42 }),
    },
    {
      name: 'a retired apiVersion',
      field: 'apiVersion',
      body: JSON.stringify({ ...valid, apiVersion: 'v9.0' }),
    },
    {
      name: 'an unknown apiMode',
      field: 'apiMode',
      body: JSON.stringify({ ...valid, apiMode: 'sideways' }),
    },
    {
      name: 'a protocol-relative redirectPath',
      field: 'redirectPath',
      body: JSON.stringify({ ...valid, redirectPath: '//evil.example/callback' }),
    },
    {
      name: 'a tampered authorizationEndpoint',
      field: 'authorizationEndpoint',
      body: JSON.stringify({ ...valid, authorizationEndpoint: 'https://evil.example/authorize' }),
    },
    {
      name: 'a token endpoint on a look-alike host',
      field: 'tokenEndpoint',
      body: JSON.stringify({
        ...valid,
        tokenEndpoint: 'https://localhost.evil.example/integrations/oauth2/api/v1/token',
      }),
    },
    {
      name: 'a string for emulator',
      field: 'emulator',
      body: JSON.stringify({ ...valid, emulator: 'yes' }),
    },
    { name: 'a JSON array', field: 'config.json', body: '[]' },
    { name: 'a file that is not JSON', field: 'config.json', body: '{"workfrontUrl": ' },
    { name: 'a missing file', field: 'config.json', body: 'Not Found', status: 404 },
  ];
  for (const { name, field, body, status } of cases) {
    test(`${name} names the field and offers a reload`, async ({ page, issuedTokens }) => {
      await page.route(`${appOrigin}/config.json`, (route) =>
        route.fulfill({ status: status ?? 200, contentType: 'application/json', body }),
      );
      await page.goto('/work');
      await expectExplained(
        page,
        issuedTokens,
        heading(page, 'This app is not configured correctly'),
        page.getByRole('button', { name: 'Reload' }),
      );
      await expect(page.getByRole('alert')).toContainText(field);
    });
  }
});

test.describe('app code that does not arrive', () => {
  // The router's chunk: every page but the signed-out start page needs it.
  const routerChunk = `${appOrigin}/assets/router-*.js`;

  test('a page whose code cannot load says so and offers a reload', async ({
    page,
    issuedTokens,
  }) => {
    await page.route(routerChunk, (route) => route.abort('internetdisconnected'));
    await page.goto('/work');
    await expectExplained(
      page,
      issuedTokens,
      heading(page, 'Something went wrong'),
      page.getByRole('button', { name: 'Reload' }),
    );
    await expect(page.getByRole('alert')).toContainText('could not load its code');
  });

  test('the start page still signs in; an app that could not start after it picks up after a reload', async ({
    page,
  }) => {
    await page.route(routerChunk, (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await signIn(page);
    await expect(page.getByRole('alert')).toContainText('could not load its code');
    // The callback document had spent the code and left the address for the page asked for.
    expect(new URL(page.url()).pathname).toBe('/work');

    // Back online: the session is in the vault, or a prompt-less bounce brings it back.
    await page.unroute(routerChunk);
    await page.getByRole('button', { name: 'Reload' }).click();
    await expectSignedIn(page);
    await expect(page).toHaveURL(/\/work$/);
  });
});

/** Answers the next token request of `grantType` with `answer`; the others go through. */
async function answerTokenRequest(
  page: Page,
  grantType: 'authorization_code' | 'refresh_token',
  answer: (route: Route) => Promise<void>,
) {
  let answered = false;
  await page.route(tokenUrl, async (route) => {
    const grant = new URLSearchParams(route.request().postData() ?? '').get('grant_type');
    if (answered || grant !== grantType) return route.continue();
    answered = true;
    return answer(route);
  });
}

const corsHeaders = { 'access-control-allow-origin': appOrigin };

/** Workfront's real answer with the JSON edited. */
const editedTokenResponse =
  (edit: (body: Record<string, unknown>) => Record<string, unknown>) => async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: edit(body) });
  };

function withoutAccessToken(body: Record<string, unknown>) {
  const edited = { ...body };
  delete edited.access_token;
  return edited;
}

const gatewayPage = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

test.describe('token responses at sign-in', () => {
  const unreadable = 'Workfront sent an answer this app cannot read';
  const cases: { name: string; answer: (route: Route) => Promise<void>; expected: string }[] = [
    {
      name: 'no access_token',
      answer: editedTokenResponse(withoutAccessToken),
      expected: unreadable,
    },
    {
      name: 'an HTML 502 from a proxy',
      answer: (route) =>
        route.fulfill({
          status: 502,
          contentType: 'text/html',
          body: gatewayPage,
          headers: corsHeaders,
        }),
      expected: unreadable,
    },
    {
      name: 'an empty 200 body',
      answer: (route) => route.fulfill({ status: 200, body: '', headers: corsHeaders }),
      expected: unreadable,
    },
    {
      name: 'an empty 500 body',
      answer: (route) => route.fulfill({ status: 500, body: '', headers: corsHeaders }),
      expected: 'Sign-in failed',
    },
    {
      name: 'truncated JSON',
      answer: (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: '{"access_token": "4f',
          headers: corsHeaders,
        }),
      expected: unreadable,
    },
  ];
  for (const { name, answer, expected } of cases) {
    test(`${name} is explained, and signing in again works`, async ({ page, issuedTokens }) => {
      await answerTokenRequest(page, 'authorization_code', answer);
      await page.goto('/');
      await signIn(page);
      await expectExplained(page, issuedTokens, heading(page, expected), tryAgain(page));
      await tryAgain(page).click();
      await expectSignedIn(page);
      await expectNoTokenLeak(page, issuedTokens);
    });
  }
});

test.describe('token lifetimes that are missing or malformed', () => {
  const ttl = 300;
  test.beforeEach(async () => {
    await emulator.settings({ accessTokenTtlSeconds: ttl });
  });

  /*
   * With no usable expires_in the app assumes a short lifetime (src/auth/refresh-schedule.ts): it
   * refreshes ahead, as for a 5-minute token, rather than never (and failing on the first
   * refused call) or before every call.
   */
  for (const [name, expiresIn] of [
    ['missing', undefined],
    ['negative', -3600],
    ['a word', 'soon'],
    ['zero', 0],
  ] as const) {
    test(`expires_in ${name}: signed in, and refreshed ahead of time`, async ({
      page,
      issuedTokens,
    }) => {
      await answerTokenRequest(
        page,
        'authorization_code',
        editedTokenResponse((body) => ({ ...body, expires_in: expiresIn })),
      );
      await page.clock.install();
      await page.goto('/');
      await signIn(page);
      await expect(itemCount(page)).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);

      await runClock(page.context(), untilRefreshMs(ttl));
      await expect.poll(async () => (await emulator.tokenCalls('refresh_token')).length).toBe(1);
      await expectSignedIn(page);
      await expectNoTokenLeak(page, issuedTokens);
    });
  }

  test('expires_in as a numeric string is read as the number', async ({ page, issuedTokens }) => {
    await answerTokenRequest(
      page,
      'authorization_code',
      editedTokenResponse((body) => ({ ...body, expires_in: String(ttl) })),
    );
    await page.clock.install();
    await page.goto('/');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();
    await runClock(page.context(), untilRefreshMs(ttl));
    await expect.poll(async () => (await emulator.tokenCalls('refresh_token')).length).toBe(1);
    await expectSignedIn(page);
    await expectNoTokenLeak(page, issuedTokens);
  });
});

test.describe('token responses at refresh', () => {
  const ttl = 300;
  const untilRefresh = untilRefreshMs(ttl);

  async function signInWithClock(page: Page) {
    await emulator.settings({ accessTokenTtlSeconds: ttl });
    await page.clock.install();
    await page.goto('/work?view=mine');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();
  }

  test('an HTML 502 is retried, and the user stays signed in', async ({ page, issuedTokens }) => {
    await signInWithClock(page);
    await answerTokenRequest(page, 'refresh_token', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'text/html',
        body: gatewayPage,
        headers: corsHeaders,
      }),
    );
    // The 502 comes from the route, so Workfront sees only the retry, a second later.
    await runClock(page.context(), untilRefresh + 2_000);
    await expect.poll(async () => (await emulator.tokenCalls('refresh_token')).length).toBe(1);
    await expectSignedIn(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectNoTokenLeak(page, issuedTokens);
  });

  test('no access_token ends the session cleanly, on the same page', async ({
    page,
    issuedTokens,
  }) => {
    await signInWithClock(page);
    await answerTokenRequest(page, 'refresh_token', editedTokenResponse(withoutAccessToken));
    await runClock(page.context(), untilRefresh);
    await expectExplained(
      page,
      issuedTokens,
      heading(page, 'Your Workfront session ended, sign in again'),
      page.getByRole('button', { name: 'Sign in again' }),
    );
    await expect(page).toHaveURL('/work?view=mine');
  });
});

/** Valid wire items, as work/myWork sends them. */
function wireItems(count: number, nameOf = (index: number) => `Item ${index}`) {
  return Array.from({ length: count }, (_, index) => ({
    ID: index.toString(16).padStart(32, '0'),
    objCode: 'TASK',
    name: nameOf(index),
    status: 'NEW',
    percentComplete: 0,
    priority: 0,
    plannedCompletionDate: null,
    project: null,
  }));
}

const [validItem] = wireItems(1);

test.describe('API payloads on My work', () => {
  const cases: {
    name: string;
    status?: number;
    contentType?: string;
    body: string;
    message: RegExp;
  }[] = [
    {
      name: 'data of the wrong type',
      body: JSON.stringify({ data: 'everything' }),
      message: /cannot read/,
    },
    {
      name: 'an item missing its name',
      body: JSON.stringify({ data: [{ ...validItem, name: undefined }] }),
      message: /cannot read \(0\.name/,
    },
    {
      name: 'a null ID',
      body: JSON.stringify({ data: [{ ...validItem, ID: null }] }),
      message: /cannot read \(0\.ID/,
    },
    {
      name: 'a percentage as a string',
      body: JSON.stringify({ data: [{ ...validItem, percentComplete: '50' }] }),
      message: /cannot read \(0\.percentComplete/,
    },
    {
      name: 'a percentage above 100',
      body: JSON.stringify({ data: [{ ...validItem, percentComplete: 150 }] }),
      message: /cannot read \(0\.percentComplete/,
    },
    {
      name: 'an impossible date',
      body: JSON.stringify({
        data: [{ ...validItem, plannedCompletionDate: '2026-02-31T17:00:00:000-0700' }],
      }),
      message: /not a Workfront date/,
    },
    {
      name: 'an ISO date',
      body: JSON.stringify({
        data: [{ ...validItem, plannedCompletionDate: '2026-03-24T17:00:00Z' }],
      }),
      message: /not a Workfront date/,
    },
    {
      name: 'an unknown objCode',
      body: JSON.stringify({ data: [{ ...validItem, objCode: 'PROJ' }] }),
      message: /cannot read \(0\.objCode/,
    },
    { name: 'a null body', body: 'null', message: /without data/ },
    {
      name: 'an HTML error page',
      status: 500,
      contentType: 'text/html',
      body: gatewayPage,
      message: /HTTP 500/,
    },
    {
      name: 'an error envelope with a 200',
      body: JSON.stringify({
        error: { class: 'com.attask.common.InternalException', message: 'Injected <b>failure</b>' },
      }),
      message: /Workfront refused the request: Injected <b>failure<\/b>/,
    },
    {
      name: 'an error envelope without a message',
      body: JSON.stringify({ error: 'broken' }),
      message: /Workfront reported an error \(HTTP 200\)/,
    },
  ];
  for (const { name, status, contentType, body, message } of cases) {
    test(`${name} is explained, with a Retry`, async ({ page, issuedTokens }) => {
      await page.route('**/attask/api/*/work/myWork?*', (route) =>
        route.fulfill({
          status: status ?? 200,
          contentType: contentType ?? 'application/json',
          body,
        }),
      );
      await page.clock.install();
      await page.goto('/');
      await signIn(page);
      const panel = page.getByRole('alert').filter({ hasText: 'Your work could not be loaded.' });
      await expectAfterRetries(page, panel);
      await expect(panel).toContainText(message);
      await expectExplained(
        page,
        issuedTokens,
        panel,
        panel.getByRole('button', { name: 'Retry' }),
      );
      await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
    });
  }

  test('a result larger than the page asked for is shown once, without paging forever', async ({
    page,
    issuedTokens,
  }) => {
    const count = 2_500;
    const items = wireItems(count, (index) => `${'Long name '.repeat(30)}${index}`);
    let requests = 0;
    await page.route('**/attask/api/*/work/myWork?*', (route) => {
      requests++;
      return route.fulfill({ json: { data: items } });
    });
    await page.goto('/');
    await signIn(page);
    const shown = count.toLocaleString('en-US');
    await expect(itemCount(page, `${shown} of ${shown} items`)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(requests).toBe(1);
    await expectNoTokenLeak(page, issuedTokens);
  });
});
