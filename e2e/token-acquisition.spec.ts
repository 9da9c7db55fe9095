import type { BrowserContext } from '@playwright/test';
import { expect, signIn, test, type IssuedTokens } from './fixtures';
import { itemCount } from './support/screens';

/**
 * RFC 10017's "acquisition of new tokens": code inside the app's bundle (a compromised
 * dependency) tries to get a session of its own, rather than read the app's. The attack is
 * appended to the app's entry chunk, so it runs wherever the app's code runs, before the app
 * itself, and not in documents that do not load the app (the callback document, until the code
 * is spent). Script in every document of the origin (an extension) is beyond any browser-only
 * client: SECURITY.md says so, and no test here models it.
 */

// Its frame is refused by the app's CSP (frame-src falls back to default-src 'none').
test.use({ expectedViolations: /frame-src|Framing 'http:\/\/localhost:8787\/'/ });

/** What the attacker got to, reported from every document it ran in. */
interface Loot {
  steps: string[];
  /** Every code it saw, with the state it came back with. */
  codes: { code: string; state: string | null }[];
  /** Every answer of the token endpoint to its own redemptions. */
  answers: string[];
}

const reportBinding = '__attackerReport';

/** The attack, as it runs in the page: one of two plans, with the same ways to look for a code. */
function bundleAttack(plan: 'own-authorize' | 'user-sign-in', binding: string) {
  type Report = (kind: keyof Loot, value: unknown) => Promise<void>;
  const report = (kind: keyof Loot, value: unknown) =>
    void (window as unknown as Record<string, Report>)[binding]?.(kind, value);
  const seen = new Set<string>();
  const base64Url = (bytes: ArrayBuffer | Uint8Array) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
  const verifiers = (): string[] =>
    JSON.parse(localStorage.getItem('attacker.verifiers') ?? '[]') as string[];
  const addVerifier = (verifier: string) => {
    localStorage.setItem('attacker.verifiers', JSON.stringify([...verifiers(), verifier]));
  };

  async function redeem(code: string) {
    const config = (await (await fetch('/config.json')).json()) as {
      workfrontUrl: string;
      clientId: string;
    };
    for (const verifier of verifiers()) {
      const response = await fetch(`${config.workfrontUrl}/integrations/oauth2/api/v1/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: config.clientId,
          code,
          code_verifier: verifier,
          redirect_uri: `${location.origin}/callback`,
        }),
      }).catch((error: unknown) => new Response(String(error), { status: 599 }));
      report('answers', await response.text());
    }
  }

  /** Every place a code could still be found by script in this document. */
  function look(where: Location | string) {
    const urls = [String(where), ...performance.getEntries().map((entry) => entry.name)];
    for (const url of urls) {
      const params = URL.canParse(url) ? new URL(url).searchParams : new URLSearchParams();
      const code = params.get('code');
      if (!code || seen.has(code)) continue;
      seen.add(code);
      report('codes', { code, state: params.get('state') });
      void redeem(code);
    }
  }

  async function ownAuthorize() {
    const config = (await (await fetch('/config.json')).json()) as {
      workfrontUrl: string;
      clientId: string;
    };
    const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    addVerifier(verifier);
    const challenge = base64Url(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
    );
    const url = `${config.workfrontUrl}/integrations/oauth2/authorize?${new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      redirect_uri: `${location.origin}/callback`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'attacker',
    }).toString()}`;
    report('steps', 'fetch');
    await fetch(url, { credentials: 'include' }).then(
      (response) => {
        look(response.url);
      },
      () => undefined,
    );
    report('steps', 'frame');
    const frame = document.createElement('iframe');
    frame.src = url;
    document.body.append(frame);
    report('steps', 'popup');
    const popup = window.open(url, '_blank');
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      for (const target of [frame.contentWindow, popup]) {
        try {
          if (target) look(target.location.href);
        } catch {
          // Cross-origin, or severed: nothing to read.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    popup?.close();
    report('steps', 'navigate');
    location.assign(url);
  }

  if (plan === 'user-sign-in') {
    look(location);
    // The pending sign-in, with its PKCE verifier, as the app stores it in this tab.
    const { setItem } = Storage.prototype as { setItem: (name: string, value: string) => void };
    Storage.prototype.setItem = function (name: string, value: string) {
      if (name.startsWith('workfront.signin.')) {
        const { code_verifier: verifier } = JSON.parse(value) as { code_verifier?: string };
        if (verifier) addVerifier(verifier);
      }
      setItem.call(this, name, value);
    };
    report('steps', `ran on ${location.pathname}`);
    return;
  }
  report('steps', `ran on ${location.pathname}`);
  // Once it has started, it looks for its code wherever it runs.
  if (localStorage.getItem('attacker.started')) {
    look(location);
    return;
  }
  // It strikes once the user is signed in and the page has settled (the test says when).
  const waiting = setInterval(() => {
    if (!localStorage.getItem('attacker.go') || localStorage.getItem('attacker.started')) return;
    clearInterval(waiting);
    localStorage.setItem('attacker.started', 'yes');
    void ownAuthorize();
  }, 50);
}

/** Appends the attack to the app's entry chunk, in every page of the context. */
async function compromiseBundle(context: BrowserContext, plan: Parameters<typeof bundleAttack>[0]) {
  const loot: Loot = { steps: [], codes: [], answers: [] };
  // Its exfiltration, as it were: a binding in every page, which no navigation loses.
  await context.exposeBinding(reportBinding, (_source, kind: keyof Loot, value: unknown) => {
    (loot[kind] as unknown[]).push(value);
  });
  const attack = `(${bundleAttack.toString()})(${JSON.stringify(plan)}, ${JSON.stringify(reportBinding)});`;
  await context.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n;${attack}` });
  });
  return loot;
}

/** The attacker holds no token Workfront issued: none in any answer it got, by value. */
async function expectNoTokenOfItsOwn(loot: Loot, issued: IssuedTokens) {
  const { accessTokens, refreshTokens } = await issued();
  const answers = loot.answers.join('\n');
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(answers.includes(token), 'the attacker holds a token Workfront issued').toBe(false);
  }
  for (const answer of loot.answers)
    expect(JSON.parse(answer)).toMatchObject({ error: 'invalid_grant' });
}

test('code in the bundle that starts its own authorize never gets a token', async ({
  page,
  context,
  issuedTokens,
}) => {
  const loot = await compromiseBundle(context, 'own-authorize');
  await page.goto('/work');
  await signIn(page);
  await expect(itemCount(page)).toBeVisible();

  // Signed in, Workfront's session makes the attacker's authorize prompt-less. It tries to read
  // its code from a fetch, a frame and a popup, then takes the whole tab through Workfront.
  await page.evaluate(() => {
    localStorage.setItem('attacker.go', 'yes');
  });
  await expect
    .poll(() => loot.steps.filter((step) => step === 'ran on /callback').length, {
      timeout: 15_000,
    })
    .toBe(2);
  expect(loot.steps).toEqual(expect.arrayContaining(['fetch', 'frame', 'popup', 'navigate']));
  // Its code went to the callback documents alone (in the popup and in this tab), which refused
  // it, not this tab's sign-in, and left for a fresh page, whose address and timeline hold none.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'This sign-in response does not belong to this tab',
  );
  expect(loot.codes.filter(({ state }) => state === 'attacker')).toEqual([]);
  await expectNoTokenOfItsOwn(loot, issuedTokens);
});

test('code in the bundle that waits for the user’s own sign-in never gets a token', async ({
  page,
  context,
  issuedTokens,
}) => {
  const loot = await compromiseBundle(context, 'user-sign-in');
  await page.goto('/');
  await signIn(page);
  await expect(page).toHaveURL(/\/work$/);

  // It had the verifier, and found the code in the navigation timeline of the page the
  // callback document became: by then the vault had spent it, and Workfront refuses it again
  // (and, as RFC 6749 asks, revokes what it issued for it: a denial of service, not a token).
  await expect.poll(() => loot.answers.length).toBeGreaterThan(0);
  expect(loot.steps).toEqual(expect.arrayContaining(['ran on /', 'ran on /work']));
  expect(loot.codes).toHaveLength(1);
  await expectNoTokenOfItsOwn(loot, issuedTokens);
});

test.describe('the Trusted Types policy', () => {
  // The attempt itself is the violation the browser reports.
  test.use({ expectedViolations: /workfront-vault/ });

  test('code in the bundle cannot take the policy the vault starts through, and sign-in works', async ({
    page,
    context,
  }) => {
    const attempts: string[] = [];
    await context.exposeBinding('__policyAttempt', (_source, outcome: string) => {
      attempts.push(outcome);
    });
    const attack = `;(() => {
      const report = (outcome) => window.__policyAttempt(outcome);
      try {
        trustedTypes.createPolicy('workfront-vault', { createScriptURL: (url) => url });
        report('taken');
      } catch {
        report('refused');
      }
    })();`;
    await context.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\n${attack}` });
    });
    await page.goto('/');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((outcome) => outcome === 'refused')).toBe(true);
  });
});
