/* eslint-disable @typescript-eslint/unbound-method -- the injected script wraps the browser's own methods, as an attacker's would */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  demoUser,
  expect,
  expectSignedIn,
  signIn,
  signInAtWorkfront,
  test,
  type VaultOptions,
} from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { serveAppConfig } from './support/app-config';
import { emulator, emulatorUrl, tryRefresh } from './support/emulator';
import { runClock } from './support/page-clock';
import { workList } from './support/screens';
import { WorkfrontApi } from './support/workfront-api';
import { openInspector, refreshes, signInButton } from './support/session-screens';

const attackerBinding = '__attackerSaw';

/**
 * Injected script, as the review's attacker ran it: it wraps fetch, XMLHttpRequest, postMessage,
 * MessagePort and the worker constructors before the app's own code runs, and reports all it sees.
 */
function injectAttacker(binding: string) {
  const report = (where: string, value: unknown) => {
    let text: string;
    try {
      text = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      text = String(value);
    }
    (window as unknown as Record<string, (text: string) => void>)[binding]?.(`${where} ${text}`);
  };
  const originalFetch = window.fetch;
  window.fetch = async function (input: RequestInfo | URL, init?: RequestInit) {
    report('fetch', [
      String(input instanceof Request ? input.url : input),
      init?.headers,
      init?.body,
    ]);
    const response = await originalFetch.call(this, input, init);
    void response
      .clone()
      .text()
      .then((text) => {
        report('fetch answer', text);
      });
    return response;
  };
  const { open, send, setRequestHeader } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    report('xhr open', args);
    this.addEventListener('load', () => {
      report('xhr answer', this.responseText);
    });
    (open as (...rest: unknown[]) => void).apply(this, args);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    report('xhr send', body);
    send.call(this, body);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name, value) {
    report('xhr header', [name, value]);
    setRequestHeader.call(this, name, value);
  };
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
    report('port post', args[0]);
    (portPost as (...rest: unknown[]) => void).apply(this, args);
  } as typeof portPost;
  const windowPost = window.postMessage.bind(window);
  window.postMessage = ((...args: Parameters<typeof window.postMessage>) => {
    report('window post', args[0]);
    windowPost(...args);
  }) as typeof window.postMessage;
  window.addEventListener('message', (event) => {
    report('window message', event.data);
  });
  if (typeof SharedWorker !== 'undefined') {
    const Shared = SharedWorker;
    window.SharedWorker = class extends Shared {
      constructor(...args: ConstructorParameters<typeof SharedWorker>) {
        super(...args);
        report('shared worker', String(args[0]));
        this.port.addEventListener('message', (event) => {
          report('vault message', event.data);
        });
      }
    };
  }
  const Dedicated = Worker;
  window.Worker = class extends Dedicated {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      report('worker', String(args[0]));
      this.addEventListener('message', (event) => {
        report('vault message', event.data);
      });
      const post = this.postMessage.bind(this) as (...rest: unknown[]) => void;
      this.postMessage = ((...rest: unknown[]) => {
        report('worker post', rest[0]);
        post(...rest);
      }) as Worker['postMessage'];
    }
  };
}

/** Every string reachable from the page's globals, a few levels deep. */
function readEveryGlobal(): string {
  const seen = new Set<unknown>();
  const found: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (typeof value === 'string') {
      found.push(value);
      return;
    }
    if (depth > 4 || value === null || typeof value !== 'object' || seen.has(value)) return;
    if (value instanceof Node) return;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      try {
        walk((value as Record<string, unknown>)[key], depth + 1);
      } catch {
        // A getter that throws: nothing to read.
      }
    }
  };
  for (const key of Object.getOwnPropertyNames(window)) {
    try {
      walk((window as unknown as Record<string, unknown>)[key], 0);
    } catch {
      // As above.
    }
  }
  return found.join('\n');
}

async function attack(context: BrowserContext) {
  const saw: string[] = [];
  await context.exposeBinding(attackerBinding, (_source, text: string) => {
    saw.push(text);
  });
  await context.addInitScript(injectAttacker, attackerBinding);
  return {
    saw,
    /** What the attacker can read right now, from every global of the page. */
    async readGlobals(page: Page) {
      saw.push(`globals ${await page.evaluate(readEveryGlobal)}`);
    },
  };
}

async function expectNoIssuedTokenIn(texts: string[]) {
  const { accessTokens, refreshTokens } = await emulator.issuedTokens();
  expect(accessTokens.length).toBeGreaterThan(1);
  expect(refreshTokens.length).toBeGreaterThan(1);
  const everything = texts.join('\n');
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(everything.includes(token), 'a token reached script in the page').toBe(false);
  }
}

/** Injected script takes hold of the page's channel to the vault as the app first uses it. */
function stealVaultPort() {
  const steal = (prototype: MessagePort | Worker) => {
    const post = prototype.postMessage as (...rest: unknown[]) => void;
    prototype.postMessage = function (this: MessagePort | Worker, ...args: unknown[]) {
      // The one that carries the vault's requests (React's scheduler posts on a port too).
      const [message] = args;
      if (typeof message === 'object' && message !== null && 'id' in message) {
        (window as unknown as { stolenPort?: MessagePort | Worker }).stolenPort = this;
      }
      post.apply(this, args);
    };
  };
  steal(MessagePort.prototype);
  steal(Worker.prototype);
}

/** The vault's reply to each API call asked on the stolen channel. */
function askVault(page: Page, requests: object[]): Promise<unknown[]> {
  return page.evaluate(async (calls) => {
    const port = (window as unknown as { stolenPort?: MessagePort | Worker }).stolenPort;
    if (!port) throw new Error('no port to the vault');
    const ask = (request: object, id: number) =>
      new Promise<unknown>((resolve) => {
        port.addEventListener('message', (event: Event) => {
          const data = (event as MessageEvent<{ id?: number }>).data;
          if (data.id === id) resolve(data);
        });
        port.postMessage({ type: 'call-api', id, request });
      });
    return Promise.all(calls.map((request, index) => ask(request, 900_000 + index)));
  }, requests);
}

test.describe('the token vault', () => {
  test('script injected into the page finds no token, before, during and after a sign-in, refreshes and a sign-out', async ({
    page,
    context,
  }) => {
    const attacker = await attack(context);
    await page.goto('/');
    await attacker.readGlobals(page);

    // In the middle of the sign-in: the code exchange is held for a moment.
    await emulator.fault({ target: 'token', count: 1, delayMs: 1_500 });
    await signIn(page);
    await expect(page).toHaveURL(/\/callback|\/work/);
    await attacker.readGlobals(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await attacker.readGlobals(page);

    // In the middle of a refresh, and after two, each rotating the refresh token.
    await openInspector(page);
    await emulator.fault({ target: 'token', count: 1, delayMs: 1_500 });
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await attacker.readGlobals(page);
    await expect.poll(async () => (await refreshes()).length).toBe(1);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(async () => (await refreshes()).length).toBe(2);
    // On every screen: My work, a work item, Projects, a project, the profile.
    const main = page.getByRole('main');
    await page.getByRole('link', { name: 'My work' }).click();
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    await attacker.readGlobals(page);
    await workList(page).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/work\/(task|issue)\//);
    await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
    await attacker.readGlobals(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    await main.getByRole('listitem').first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/projects\//);
    await attacker.readGlobals(page);
    await page.getByTestId('signed-in-user').click();
    await expect(main.getByText(demoUser.email)).toBeVisible();
    await attacker.readGlobals(page);

    // In the middle of the sign-out: the revoke is held.
    await emulator.fault({ target: 'revoke', count: 1, delayMs: 1_500 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await attacker.readGlobals(page);
    await expect(signInButton(page)).toBeVisible();
    await expect
      .poll(async () => (await emulator.log()).some((entry) => entry.endpoint === 'revoke'))
      .toBe(true);
    await attacker.readGlobals(page);

    // The attacker did see the conversation with the vault, and every API answer.
    expect(attacker.saw.filter((line) => line.startsWith('vault message')).length).toBeGreaterThan(
      10,
    );
    await expectNoIssuedTokenIn(attacker.saw);
  });

  test('sends a token to Workfront’s API only: any other URL asked of it is refused', async ({
    page,
    context,
  }) => {
    await context.addInitScript(stealVaultPort);
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    const answers = await askVault(page, [
      ...[
        'https://evil.example/attask/api/v20.0/user/search',
        `${emulatorUrl}/integrations/oauth2/api/v1/token`,
        'http://localhost:4173/attask/api/v20.0/../../integrations/oauth2/api/v1/token',
        'http://localhost:4173/config.json',
      ].map((url) => ({ method: 'GET', url })),
      // Workfront's API, but with headers of the script's own.
      {
        method: 'GET',
        url: 'http://localhost:4173/attask/api/v20.0/user/search',
        headers: { Authorization: 'Bearer stolen' },
      },
      { method: 'DELETE', url: 'http://localhost:4173/attask/api/v20.0/task/1' },
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    }
  });

  test('refuses a method parameter: injected script can neither edit nor delete a task through it', async ({
    page,
    context,
    issuedTokens,
  }) => {
    await context.addInitScript(stealVaultPort);
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    const api = new WorkfrontApi(issuedTokens);
    const [task] = await api.myItemsOf('task');
    if (!task) throw new Error('The demo user has no task');
    const before = await api.workItem('task', task.ID);
    const taskUrl = `http://localhost:4173/attask/api/v20.0/task/${task.ID}`;
    const percentComplete = before.percentComplete === 42 ? 43 : 42;
    const edit = new URLSearchParams({ updates: JSON.stringify({ percentComplete }) }).toString();

    const [own, ...others] = await askVault(page, [
      // The channel works: a call as the app makes it is answered.
      { method: 'GET', url: `${taskUrl}?fields=percentComplete` },
      // Workfront takes the operation from `method` over the HTTP method.
      { method: 'GET', url: `${taskUrl}?method=PUT&${edit}` },
      { method: 'GET', url: `${taskUrl}?method=DELETE` },
      { method: 'GET', url: `${taskUrl}?METHOD=PUT&${edit}` },
      { method: 'GET', url: `${taskUrl}?%6Dethod=DELETE` },
      { method: 'POST', url: taskUrl, form: `method=PUT&${edit}` },
    ]);
    expect(own).toMatchObject({ ok: true, value: { status: 200 } });
    for (const answer of others) {
      expect(answer).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    }
    // Asked of Workfront itself: the task is there, as it was.
    expect(await api.workItem('task', task.ID)).toEqual(before);
  });
});

/**
 * The browser restarts: its cookies (Workfront's session) and localStorage (the "was signed in"
 * flag) stay; the vault, in memory, and sessionStorage are gone.
 */
async function restartBrowser(
  browser: Browser,
  vaultKind: VaultOptions['vaultKind'],
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  const restarted = await browser.newContext({ storageState });
  if (vaultKind === 'per-tab') {
    await restarted.addInitScript(() => Reflect.deleteProperty(globalThis, 'SharedWorker'));
  }
  return restarted;
}

test.describe('tabs that share the vault', () => {
  test('make one refresh per window between them, and a reload while another is open asks Workfront nothing', async ({
    page,
    context,
    vaultKind,
  }) => {
    await emulator.settings({ accessTokenTtlSeconds: 300 });
    await context.clock.install();
    await page.goto('/work');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    const other = await context.newPage();
    await other.goto('/work');
    await expect(other.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    // Without SharedWorker each tab keeps a vault of its own, as tabs did before the vault: the
    // second tab bounced for tokens of its own, and each refreshes them.
    const perWindow = vaultKind === 'shared' ? 1 : 2;
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(
      vaultKind === 'shared' ? 1 : 2,
    );

    for (let window = 1; window <= 3; window++) {
      await runClock(context, untilRefreshMs(300));
      await expect.poll(async () => (await refreshes()).length).toBe(window * perWindow);
    }
    const before = (await emulator.log()).filter((entry) => entry.endpoint !== 'api').length;
    await other.reload();
    await expect(other.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    const after = (await emulator.log()).filter((entry) => entry.endpoint !== 'api').length;
    if (vaultKind === 'shared') expect(after, 'no authorize and no token request').toBe(before);
    else expect(after, 'a bounce: authorize and a code exchange').toBeGreaterThan(before);
    expect((await refreshes()).every((call) => call.status === 200)).toBe(true);
  });

  test('a reload of the last tab bounces through Workfront, and comes back signed in', async ({
    page,
  }) => {
    await page.goto('/work');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await expect(page).toHaveURL('/work');
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(2);
  });

  test('four tabs restored at once make one code exchange; after sign-out no refresh token refreshes', async ({
    page,
    context,
    browser,
    vaultKind,
  }) => {
    await page.goto('/work');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);

    // The browser restarts with four tabs of the app: its cookies (Workfront's session) and
    // localStorage (the "was signed in" flag) stay; the vault, in memory, is gone.
    const restarted = await restartBrowser(browser, vaultKind, await context.storageState());
    const errors: string[] = [];
    restarted.on('weberror', (error) => errors.push(error.error().message));
    const exchangesBefore = (await emulator.tokenCalls('authorization_code')).length;
    const refreshTokensBefore = (await emulator.issuedTokens()).refreshTokens.length;
    const revokes = async () =>
      (await emulator.log()).filter((entry) => entry.endpoint === 'revoke').length;
    const revokesBefore = await revokes();
    const tabs = await Promise.all([1, 2, 3, 4].map(() => restarted.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto('/work')));
    for (const tab of tabs) {
      await expect(tab.getByTestId('signed-in-user')).toHaveText(demoUser.name);
      await expect(tab).toHaveURL('/work');
    }
    // One bounce for all of them. Per-tab vaults cannot share a session: one bounce at a time.
    const exchanges = (await emulator.tokenCalls('authorization_code')).length - exchangesBefore;
    expect(exchanges).toBe(vaultKind === 'shared' ? 1 : 4);

    await tabs[2]?.getByRole('button', { name: 'Sign out' }).click();
    for (const tab of tabs) await expect(signInButton(tab)).toBeVisible();
    const issued = (await emulator.issuedTokens()).refreshTokens.slice(refreshTokensBefore);
    expect(issued).toHaveLength(exchanges);
    // Asked once each, after the vaults revoked: asking spends a token that still works.
    await expect.poll(revokes).toBeGreaterThanOrEqual(revokesBefore + exchanges);
    for (const token of issued) {
      expect(await tryRefresh(token)).toMatchObject({ error: 'invalid_grant' });
    }
    expect(errors).toEqual([]);
    await restarted.close();
  });

  test('the flow inspector says where the tokens live, and how many tabs share them', async ({
    page,
    context,
    vaultKind,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    const other = await context.newPage();
    await other.goto('/session');
    await expect(other.getByTestId('token-vault')).toHaveText(
      vaultKind === 'shared'
        ? /the shared token vault.*tabs sharing it: 2\./
        : /this tab’s token vault/,
    );
  });
});

/**
 * The page as another release serves it: the same code, but its vault's script at another URL. A
 * SharedWorker is keyed by its script's URL, so after a deploy old and new tabs each have a shared
 * vault of their own.
 */
async function asAnotherRelease(page: Page) {
  const elsewhere = (text: string) => text.replace(/(vault-worker-[\w-]+\.js)/g, '$1?release=2');
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: elsewhere(await response.text()) });
  });
  // Workfront's redirect back is followed by a navigation of the test's own, which Playwright
  // routes (it cannot route the request a redirect leads to).
  await page.route(
    (url) => url.origin === emulatorUrl && url.pathname.startsWith('/integrations/oauth2/'),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location ?? '';
      if (!location.includes('/callback')) return route.fulfill({ response });
      return route.fulfill({
        contentType: 'text/html',
        body: `<script>location.replace(${JSON.stringify(location)})</script>`,
      });
    },
  );
  // Its callback document names the same vault, and its CSP the hash of that script.
  await page.route(
    (url) => url.pathname === '/callback',
    async (route) => {
      const response = await route.fetch();
      const body = elsewhere(await response.text());
      const script = /<script type="module">([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';
      const hash = createHash('sha256').update(script).digest('base64');
      const policy = (response.headers()['content-security-policy'] ?? '').replace(
        /'sha256-[^']+'/,
        `'sha256-${hash}'`,
      );
      await route.fulfill({
        response,
        body,
        headers: { ...response.headers(), 'content-security-policy': policy },
      });
    },
  );
}

test('sign-out holds across releases: the vaults of two script URLs sign out together', async ({
  page,
  context,
}) => {
  const older = page;
  const newer = await context.newPage();
  await asAnotherRelease(newer);
  await older.goto('/work');
  await signIn(older);
  await expect(older.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  // Its own vault: it signs in for tokens of its own, prompt-less.
  await newer.goto('/work');
  await expect(newer.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  expect(await emulator.tokenCalls('authorization_code')).toHaveLength(2);

  await newer.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(older)).toBeVisible();
  await expect(workList(older)).toHaveCount(0);

  // And the other way round.
  await signInButton(newer).click();
  await expect(newer.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  await signInButton(older).click();
  await expect(older.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  await older.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(newer)).toBeVisible();
  await expect(workList(newer)).toHaveCount(0);
});

test('a tab whose config.json differs from the shared vault’s says so, with what to do', async ({
  page,
  context,
  vaultKind,
}) => {
  await page.goto('/work');
  await signIn(page);
  await expectSignedIn(page);
  const other = await context.newPage();
  // The file changed between the two loads (a fix deployed, or a tampered copy).
  await serveAppConfig(other, { apiVersion: 'v19.0' });
  await other.goto('/');
  await signInButton(other).click();
  if (vaultKind === 'shared') {
    await expect(other.getByRole('alert')).toHaveText(
      'Sign-in could not start: another open tab of this app runs an older configuration. Close or reload the other tabs of this app, then sign in again.',
    );
  } else {
    // A vault of its own, with the configuration it loaded.
    await expect(other.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  }
  await expectSignedIn(page);
});

const priya = { email: 'priya.raman@example.com', password: 'demo', name: 'Priya Raman' };

test('a second user’s sign-in in another tab signs the first one out: no tab keeps her data', async ({
  page,
  context,
  vaultKind,
}) => {
  // A shared computer: tab B is left on Workfront's sign-in page, Dana signs in in tab A.
  const tabB = await context.newPage();
  await tabB.goto('/');
  await signInButton(tabB).click();
  await expect(tabB.getByLabel('Email')).toBeVisible();
  await page.goto('/work');
  await signIn(page);
  await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  await expect(workList(page)).toBeVisible();

  // Later Priya signs in in tab B.
  await signInAtWorkfront(tabB, priya);
  await expect(tabB.getByTestId('signed-in-user')).toHaveText(priya.name);

  if (vaultKind === 'shared') {
    // One vault, one user: Dana's session ended, and tab A shows whom it acts for now.
    await expect(page.getByTestId('signed-in-user')).toHaveText(priya.name);
  } else {
    // Tab A's own vault heard the sign-out of Dana, and holds no session.
    await expect(signInButton(page)).toBeVisible();
    await expect(workList(page)).toHaveCount(0);
  }
  // Dana's refresh token was revoked with her session: it refreshes nothing.
  const danas = (await emulator.issuedTokens()).refreshTokens[0] ?? '';
  expect(await tryRefresh(danas)).toMatchObject({ error: 'invalid_grant' });
});

test('a bounce that comes back as someone else is no silent restore: the page says who is signed in now', async ({
  page,
  context,
  browser,
  vaultKind,
}) => {
  // Dana signed in to the app in this browser; then Priya signed in to Workfront itself (here,
  // through the app in another window), so that Workfront's session cookie is Priya's.
  await page.goto('/work');
  await signIn(page);
  await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  const danas = await context.storageState();
  const elsewhere = await browser.newContext();
  const priyasTab = await elsewhere.newPage();
  await priyasTab.goto('/');
  await signIn(priyasTab, { as: priya });
  await expect(priyasTab.getByTestId('signed-in-user')).toHaveText(priya.name);
  const { cookies } = await elsewhere.storageState();
  await elsewhere.close();

  // Dana's tab comes back after a browser restart: her flag, Priya's Workfront session.
  const restarted = await restartBrowser(browser, vaultKind, { cookies, origins: danas.origins });
  const tab = await restarted.newPage();
  await tab.goto('/work');
  await expect(tab.getByTestId('signed-in-user')).toHaveText(priya.name);
  await expect(tab.getByRole('status').filter({ hasText: 'signed in as' })).toHaveText(
    `You are now signed in as ${priya.name}. The user signed in here before was signed out, and their unsaved changes were removed.OK`,
  );
  await tab.getByRole('button', { name: 'OK' }).click();
  await expect(tab.getByRole('status').filter({ hasText: 'signed in as' })).toHaveCount(0);

  // Once told, it is Priya's session like any other: a reload restores it without a word.
  await tab.reload();
  await expect(tab.getByTestId('signed-in-user')).toHaveText(priya.name);
  await expect(tab.getByRole('status').filter({ hasText: 'signed in as' })).toHaveCount(0);
  await restarted.close();
});
