/**
 * The engine smoke: the app's main paths in Firefox ESR and in WebKitGTK, engines that Playwright
 * cannot drive in their stock builds, against the production build behind nginx and the emulator.
 * e2e/engines/run.mjs builds the app and runs this file (under xvfb-run, for WebKit).
 *
 *   node --import tsx e2e/engines/smoke.ts <build folder> [firefox|webkit …]
 *
 * Each engine runs the same steps in order, one browser at a time; a step that fails ends its
 * engine's run, and the steps after it count as failed. It prints, per engine, the figures the
 * README quotes: whether a reload of the only tab bounced through Workfront's authorize, how many
 * times one load downloads config.json, and how long the smoke took.
 */
import type { IssuedTokens, LogEntry } from '../../src/inspector/emulator-control.ts';
import { buttonNamed, fieldLabelled, xpathLiteral, type Engine, type Tab } from './driver.ts';
import { findFirefox, launchFirefox } from './firefox.ts';
import {
  aimAtEmulator,
  appUrl,
  emulatorUrl,
  killAllServers,
  startApp,
  startEmulator,
  type AppServer,
  type Emulator,
} from './servers.ts';
import { findWebKit, launchWebKit } from './webkit.ts';

const demoUser = { email: 'demo@example.com', password: 'demo', name: 'Dana Demo' };
/**
 * How long a state may take to appear: a bounce through Workfront included. WebKit took up to 15 s
 * from the consent page to the signed-in app on a loaded 2-core machine (about 2 s idle).
 */
const stateTimeoutMs = 30_000;
/** No engine's run may outlive this, whatever hangs: both engines then end within 7 minutes. */
const engineTimeoutMs = 200_000;

// ---------------------------------------------------------------------------------------------
// What the page shows, read by script in the page (as text: see driver.ts).

const pageState = `JSON.stringify((() => {
  const buttons = [...document.querySelectorAll('button')];
  const button = (name) => buttons.some((b) => b.textContent.trim() === name && !b.disabled);
  const statuses = [...document.querySelectorAll('[role=status]')].map((e) => e.textContent.trim());
  const list = document.querySelector('[role=list][aria-label="My work"]');
  return {
    url: location.href,
    ready: document.readyState,
    signInButton: button('Sign in with Workfront'),
    signOutButton: button('Sign out'),
    signedInUser: document.querySelector('[data-testid=signed-in-user]')?.textContent.trim() ?? null,
    itemCount: statuses.find((text) => /^[\\d,]+ of [\\d,]+ items$/.test(text)) ?? null,
    rows: list ? list.querySelectorAll('[role=listitem]').length : 0,
    saved: statuses.includes('Saved.'),
    heading: document.querySelector('h1')?.textContent.trim() ?? null,
    buttons: buttons.filter((b) => !b.disabled).map((b) => b.textContent.trim()),
    choices: [...document.querySelectorAll('form.update-form select option')].map((o) => o.label),
    text: document.body ? document.body.innerText : '',
    leftMarkedEntry: window.__engineSmokeMark !== 'before Back' || window.__engineSmokePopped === true,
  };
})())`;

interface PageState {
  url: string;
  ready: string;
  signInButton: boolean;
  /** The names of the enabled buttons. */
  buttons: string[];
  /** The options of the item page's Status field. */
  choices: string[];
  signOutButton: boolean;
  signedInUser: string | null;
  itemCount: string | null;
  rows: number;
  saved: boolean;
  heading: string | null;
  text: string;
  /** Back left the entry that markBeforeBack marked: another document, or a popstate. */
  leftMarkedEntry: boolean;
}

/** Marks the page's current entry, to know when Back has left it (see leftMarkedEntry). */
const markBeforeBack = `JSON.stringify((() => {
  window.__engineSmokeMark = 'before Back';
  window.__engineSmokePopped = false;
  window.addEventListener('popstate', () => { window.__engineSmokePopped = true; }, { once: true });
  return true;
})())`;

/**
 * Everything page script can read that a token could sit in: the document, web storage, cookies,
 * IndexedDB's database names, the history state, the URLs of the resources it loaded, and the
 * globals it can enumerate (strings, and plain objects and arrays down to a few levels).
 */
const readableByPage = `(async () => {
  const dump = (storage) => Object.keys(storage).map((key) => key + '=' + storage.getItem(key));
  let databases;
  try {
    databases = (await indexedDB.databases()).map((db) => db.name ?? '');
  } catch (error) {
    databases = ['indexedDB.databases() failed: ' + error];
  }
  const found = [];
  let visited = 0;
  const walk = (path, value, depth) => {
    if (visited++ > 50000) return;
    if (typeof value === 'string') { found.push(path + '=' + value); return; }
    if (value === null || typeof value !== 'object' || depth > 4) return;
    const tag = Object.prototype.toString.call(value);
    if (tag !== '[object Object]' && tag !== '[object Array]') return;
    let keys;
    try { keys = Object.keys(value); } catch { return; }
    for (const key of keys) {
      let child;
      try { child = value[key]; } catch { continue; }
      walk(path + '.' + key, child, depth + 1);
    }
  };
  for (const key of Object.getOwnPropertyNames(window)) {
    let value;
    try { value = window[key]; } catch { continue; }
    walk(key, value, 0);
  }
  return JSON.stringify({
    html: document.documentElement.outerHTML,
    localStorage: dump(localStorage),
    sessionStorage: dump(sessionStorage),
    cookie: document.cookie,
    indexedDB: databases,
    url: location.href,
    historyState: JSON.stringify(history.state),
    resources: performance.getEntries().map((entry) => entry.name),
    globals: found,
  });
})()`;

// ---------------------------------------------------------------------------------------------
// Waiting on states, never on time.

async function readState(tab: Tab): Promise<PageState | undefined> {
  try {
    return await tab.evaluate<PageState>(pageState);
  } catch {
    // Between two documents: nothing to read yet.
    return undefined;
  }
}

/** Resolves once `test` holds for what the tab shows; fails after `timeoutMs`, saying what it saw. */
async function waitFor(
  tab: Tab,
  description: string,
  test: (state: PageState) => boolean,
  timeoutMs = stateTimeoutMs,
): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let last: PageState | undefined;
  for (;;) {
    last = (await readState(tab)) ?? last;
    if (last && test(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `Waited ${timeoutMs / 1000} s for ${description}; the page showed: ${JSON.stringify(
          last && { ...last, text: last.text.slice(0, 400) },
        )}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Types `text` into the field at `xpath` as the user would, key by key, and waits until the
 * field holds all of it: a page that loses keystrokes fails here, saying what it kept.
 */
async function typeInto(tab: Tab, xpath: string, text: string, what: string): Promise<void> {
  await tab.fill(xpath, text);
  const kept = await valueOf<string | null>(
    tab,
    `document.evaluate(${JSON.stringify(xpath)}, document, null,
      XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue?.value ?? null`,
    (value) => value === text,
  );
  if (kept !== text) {
    throw new Error(
      `${what} holds ${JSON.stringify(kept)} after typing ${JSON.stringify(text)}: the page lost keystrokes`,
    );
  }
}

/**
 * The value of `expression` in the page once `test` holds for it, or the last one read after
 * `timeoutMs`: the caller says what is wrong with it.
 */
async function valueOf<T>(
  tab: Tab,
  expression: string,
  test: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await tab.evaluate<T>(`JSON.stringify(${expression})`);
    if (test(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Workfront's login and consent pages, if it shows them (it may know the browser still). */
async function signInAtWorkfrontIfAsked(tab: Tab): Promise<void> {
  const deadline = Date.now() + stateTimeoutMs;
  for (;;) {
    const state = await waitFor(
      tab,
      'Workfront’s login or consent page, or the app signed in',
      (shown) =>
        signedIn(shown) ||
        (shown.url.startsWith(`${emulatorUrl}/`) &&
          shown.ready === 'complete' &&
          (shown.buttons.includes('Sign in') || shown.buttons.includes('Allow'))),
      Math.max(deadline - Date.now(), 0),
    );
    if (signedIn(state)) return;
    if (state.buttons.includes('Sign in')) {
      await tab.fill(fieldLabelled('Email'), demoUser.email);
      await tab.fill(fieldLabelled('Password'), demoUser.password);
      await tab.click(buttonNamed('Sign in'));
    } else {
      await tab.click(buttonNamed('Allow'));
    }
    await waitFor(
      tab,
      'Workfront to move on',
      (shown) => shown.url !== state.url || shown.text !== state.text,
    );
  }
}

const signedIn = (state: PageState) =>
  state.url.startsWith(appUrl) && state.signedInUser === demoUser.name && state.signOutButton;

/** Signed out, and nothing of the user's on the screen. */
const showsNoData = (state: PageState) =>
  state.url.startsWith(appUrl) &&
  state.ready === 'complete' &&
  state.signInButton &&
  state.signedInUser === null &&
  state.itemCount === null &&
  state.rows === 0 &&
  !state.text.includes(demoUser.name);

// ---------------------------------------------------------------------------------------------
// The emulator and nginx, as witnesses.

interface WireItem {
  ID: string;
  objCode: string;
  name: string;
  status: string;
  percentComplete: number;
}

async function api<T>(emulator: Emulator, path: string): Promise<T> {
  const token = (await emulator.control.issuedTokens()).accessTokens.at(-1);
  if (!token) throw new Error('No access token was issued yet');
  const response = await fetch(`${emulatorUrl}/attask/api/v20.0/${path}`, {
    headers: { sessionID: token },
  });
  const body = (await response.json()) as { data?: T };
  if (!response.ok || body.data === undefined) {
    throw new Error(`GET ${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.data;
}

const count = (log: LogEntry[], test: (entry: LogEntry) => boolean) => log.filter(test).length;
const authorizeCalls = (log: LogEntry[]) =>
  count(log, (entry) => entry.endpoint === 'authorize' && entry.method === 'GET');
const codeExchanges = (log: LogEntry[]) =>
  count(log, (entry) => entry.endpoint === 'token' && entry.grantType === 'authorization_code');

/** The config.json downloads among nginx's requests since `from`: their statuses, e.g. [200, 304]. */
function configDownloads(app: AppServer, from: number): number[] {
  return app
    .requests()
    .slice(from)
    .filter((line) => line.startsWith('GET /config.json'))
    .map((line) => Number(line.split(' ').at(-1)));
}

/**
 * The documents nginx served since `from`, each with the config.json downloads that followed it:
 * `/work/task/1 (config.json 304, 304) → /callback (config.json 200)`. Workfront's pages, between
 * them, are not nginx's.
 */
function loadsSince(app: AppServer, from: number): string {
  const loads: { path: string; config: number[] }[] = [];
  for (const line of app.requests().slice(from)) {
    const [method, target = '', status] = line.split(' ');
    const path = target.split('?')[0] ?? '';
    if (path === '/config.json' && method === 'GET') loads.at(-1)?.config.push(Number(status));
    else if (method === 'GET' && !/^\/(assets|attask|favicon)/.test(path)) {
      loads.push({ path, config: [] });
    }
  }
  return loads
    .map(
      ({ path, config }) =>
        `${path} (config.json ${config.length > 0 ? config.join(', ') : 'not fetched'})`,
    )
    .join(' → ');
}

/** No issued token, by value, in anything the page can read. Answers how many were looked for. */
async function expectNoTokenReadable(
  engine: Engine,
  tab: Tab,
  issued: () => Promise<IssuedTokens>,
): Promise<number> {
  const { accessTokens, refreshTokens } = await issued();
  const tokens = [...accessTokens, ...refreshTokens];
  if (accessTokens.length === 0) throw new Error('Workfront issued no token: nothing to look for');
  const readable = await tab.evaluate<Record<string, unknown>>(readableByPage);
  const haystack = JSON.stringify({ ...readable, cookies: await engine.cookies(appUrl) });
  for (const [place, content] of Object.entries(readable)) {
    const text = JSON.stringify(content);
    const leaked = tokens.filter((token) => text.includes(token));
    if (leaked.length > 0) {
      throw new Error(`${leaked.length} issued token(s) readable by the page in ${place}`);
    }
  }
  if (tokens.some((token) => haystack.includes(token))) {
    throw new Error('An issued token is among the cookies of the app’s origin');
  }
  if (
    /access_token|refresh_token/.test(
      JSON.stringify([readable.localStorage, readable.sessionStorage]),
    )
  ) {
    throw new Error('Web storage holds an access_token or refresh_token field');
  }
  const databases = readable.indexedDB as string[];
  if (databases.length > 0)
    throw new Error(`The app created IndexedDB databases: ${databases.join(', ')}`);
  return tokens.length;
}

/** What nginx and the emulator saw last, to tell a failed step's story. */
async function printWitnesses(emulator: Emulator, app: AppServer): Promise<void> {
  const clock = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 23);
  console.log('      nginx, last requests:');
  for (const line of app.timed().slice(-12)) {
    const [msec = '0', ...rest] = line.split(' ');
    console.log(`        ${clock(Number(msec))} ${rest.join(' ').slice(0, 120)}`);
  }
  const log = await emulator.control.log().catch(() => []);
  console.log('      emulator, last requests:');
  for (const entry of log.slice(-8)) {
    const grant = entry.grantType ? ` ${entry.grantType}` : '';
    console.log(
      `        ${entry.time.slice(11, 23)} ${entry.method} ${entry.path.slice(0, 80)} ${entry.endpoint}${grant} ${entry.status}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The steps.

/**
 * config.json downloads per load of a page. The app's fetch is the very request of index.html's
 * preload, whose download Firefox (and Chromium) then hand to it. WebKitGTK 2.50 does not, for an
 * answer that says `no-cache`: it downloads the file again (HTTP 200 twice, as driven here).
 */
const configDownloadsPerLoad: Record<string, number> = { 'Firefox ESR': 1, WebKitGTK: 2 };

interface Figures {
  engine: string;
  reloadOfOnlyTab?: 'bounced through authorize' | 'kept the session';
  configOnStartPage?: number[];
  configOnSignedInReload?: number[];
  configOnBouncedReload?: number[];
  /** The documents of the reload of the only tab, with their config.json downloads. */
  loadsOfOnlyTabReload?: string;
  reloadWithOtherTab?: 'bounced through authorize' | 'kept the session';
  /** What the Session page says of the tabs sharing the vault, with two open, after reloads. */
  tabsAfterReloads?: string | null;
  tokensChecked?: number;
  seconds?: number;
}

interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

async function runEngine(
  launch: () => Promise<Engine>,
  label: string,
  emulator: Emulator,
  app: AppServer,
): Promise<{ results: StepResult[]; figures: Figures }> {
  const figures: Figures = { engine: label };
  const results: StepResult[] = [];
  const started = Date.now();
  const issued = () => emulator.control.issuedTokens();
  let engine: Engine | undefined;
  const running = () => {
    if (!engine) throw new Error('The browser did not start');
    return engine;
  };
  let failed = false;
  /** Runs one step; after a failed blocking step (all but a few), the rest are not run. */
  const step = async (
    name: string,
    work: () => Promise<void>,
    { blocking = true }: { blocking?: boolean } = {},
  ) => {
    if (failed) {
      results.push({ name, ok: false, ms: 0, error: 'not run: an earlier step failed' });
      console.log(`  ✗ ${name}: not run, an earlier step failed`);
      return;
    }
    const begun = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const left = engineTimeoutMs - (begun - started);
    try {
      await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`the ${label} smoke passed its ${engineTimeoutMs / 1000} s limit`));
          }, left);
        }),
      ]);
      const ms = Date.now() - begun;
      results.push({ name, ok: true, ms });
      console.log(`  ✓ ${name} (${(ms / 1000).toFixed(1)} s)`);
    } catch (error) {
      if (blocking) failed = true;
      const ms = Date.now() - begun;
      const message = error instanceof Error ? error.message : String(error);
      results.push({ name, ok: false, ms, error: message });
      console.log(`  ✗ ${name} (${(ms / 1000).toFixed(1)} s)\n      ${message}`);
      await printWitnesses(emulator, app);
    } finally {
      clearTimeout(timer);
    }
  };

  let first!: Tab;
  let second!: Tab;
  let item!: WireItem;
  /** Signed out, with neither the user's name nor the edited item's on the screen. */
  const noData = (state: PageState) => showsNoData(state) && !state.text.includes(item.name);
  const itemPath = () => `/work/${item.objCode === 'TASK' ? 'task' : 'issue'}/${item.ID}`;

  await step('the browser starts', async () => {
    await emulator.reset();
    engine = await launch();
    first = engine.firstTab;
    console.log(`    ${engine.name} ${engine.version}`);
  });

  await step('sign-in through Workfront’s login and consent pages', async () => {
    const before = app.requests().length;
    await first.goto(`${appUrl}/`);
    await waitFor(first, 'the start page', (state) => state.signInButton);
    figures.configOnStartPage = configDownloads(app, before);
    await first.click(buttonNamed('Sign in with Workfront'));
    await waitFor(
      first,
      'Workfront’s login page',
      (state) => state.url.startsWith(`${emulatorUrl}/`) && state.buttons.includes('Sign in'),
    );
    await first.fill(fieldLabelled('Email'), demoUser.email);
    await first.fill(fieldLabelled('Password'), demoUser.password);
    await first.click(buttonNamed('Sign in'));
    await waitFor(first, 'Workfront’s consent page', (state) => state.buttons.includes('Allow'));
    await first.click(buttonNamed('Allow'));
    await waitFor(first, 'the app, signed in', signedIn);
  });

  await step('My work shows the user’s items', async () => {
    const state = await waitFor(
      first,
      'My work’s items',
      (shown) => shown.url === `${appUrl}/work` && shown.itemCount !== null && shown.rows > 0,
    );
    const myWork = await api<WireItem[]>(emulator, 'work/myWork?fields=status,percentComplete');
    const total = Number(/of ([\d,]+) items/.exec(state.itemCount ?? '')?.[1]?.replace(/,/g, ''));
    if (total !== myWork.length) {
      throw new Error(`My work says "${state.itemCount}"; Workfront has ${myWork.length} items`);
    }
    const candidate = myWork.find(
      (entry) => entry.status === 'NEW' && ['TASK', 'OPTASK'].includes(entry.objCode),
    );
    if (!candidate) throw new Error('The seed has no new task or issue');
    item = candidate;
  });

  await step('a status and progress update on the item page is saved', async () => {
    // The item among My work's new ones, by the status filter: one choice, no typing (typing
    // has a step of its own). Opened within the page: a load here would leave a page of the
    // app in WebKit's back/forward cache, which keeps the shared vault alive across the reload
    // of the next step, and so changes what it measures.
    await first.select('//*[@role="search"]//select', 'New');
    await first.click(`//a[@href=${xpathLiteral(itemPath())}]`);
    await waitFor(
      first,
      `the page of "${item.name}"`,
      (state) => state.url === `${appUrl}${itemPath()}` && state.heading === item.name,
    );
    const form = '//form[contains(concat(" ", @class, " "), " update-form ")]';
    await waitFor(first, 'the Status field’s choices', (state) =>
      state.choices.includes('In progress'),
    );
    await first.select(`${form}//select`, 'In progress');
    await typeInto(first, `${form}//input[@type="number"]`, '30', 'Percent complete');
    await first.click(`${form}//button[@type="submit"]`);
    await waitFor(first, '"Saved."', (state) => state.saved);
    const saved = await api<WireItem>(
      emulator,
      `${item.objCode === 'TASK' ? 'task' : 'optask'}/${item.ID}?fields=status,percentComplete`,
    );
    if (saved.status !== 'INP' || saved.percentComplete !== 30) {
      throw new Error(`Workfront has ${saved.status} at ${saved.percentComplete}%, not INP at 30%`);
    }
  });

  await step('no issued token is readable by the page, signed in', async () => {
    figures.tokensChecked = await expectNoTokenReadable(running(), first, issued);
  });

  await step('a reload of the only tab comes back signed in, on the same page', async () => {
    await emulator.control.clearLog();
    const before = app.requests().length;
    await first.reload();
    await waitFor(
      first,
      'the item page again, signed in',
      (state) =>
        signedIn(state) && state.url === `${appUrl}${itemPath()}` && state.heading === item.name,
    );
    const log = await emulator.control.log();
    const bounced = authorizeCalls(log) > 0;
    figures.reloadOfOnlyTab = bounced ? 'bounced through authorize' : 'kept the session';
    figures[bounced ? 'configOnBouncedReload' : 'configOnSignedInReload'] = configDownloads(
      app,
      before,
    );
    figures.loadsOfOnlyTabReload = loadsSince(app, before);
    if (bounced && codeExchanges(log) !== 1) {
      throw new Error(`The bounce made ${codeExchanges(log)} code exchanges, not 1`);
    }
    // A page of the app's own after the reload, for Back later: an in-app link, same document.
    await first.click(`//a[normalize-space(.)=${xpathLiteral('← My work')}]`);
    await waitFor(
      first,
      'My work',
      // With its filter (`/work?status=NEW`) kept in the address.
      (state) =>
        state.url.startsWith(appUrl) && new URL(state.url).pathname === '/work' && state.rows > 0,
    );
  });

  await step(
    'My work’s filter keeps every keystroke typed',
    async () => {
      await typeInto(first, '//input[@type="search"]', item.name, 'My work’s filter');
      const shown = await valueOf<boolean>(
        first,
        `Boolean(document.querySelector('[role=list] a[href=${JSON.stringify(itemPath())}]'))`,
        (found) => found,
      );
      if (!shown) throw new Error(`My work filtered to "${item.name}" does not list it`);
    },
    // In the page the callback document loaded the app into, as right after a sign-in, where
    // keystrokes were seen lost. The steps after it need no filter: they run whatever it finds.
    { blocking: false },
  );

  await step('a second tab shares the vault: signed in with no new code exchange', async () => {
    await emulator.control.clearLog();
    second = await running().newTab();
    await second.goto(`${appUrl}/work`);
    await waitFor(
      second,
      'My work in the second tab, signed in',
      (state) => signedIn(state) && state.itemCount !== null,
    );
    const log = await emulator.control.log();
    if (codeExchanges(log) > 0 || authorizeCalls(log) > 0) {
      throw new Error(
        `The second tab made ${authorizeCalls(log)} authorize and ${codeExchanges(log)} token requests: it did not share the first tab’s vault`,
      );
    }
  });

  await step(
    'a reload with another tab open keeps the session, with no request to Workfront',
    async () => {
      await emulator.control.clearLog();
      const before = app.requests().length;
      await second.reload();
      await waitFor(
        second,
        'My work again in the second tab',
        (state) => signedIn(state) && state.itemCount !== null,
      );
      const log = await emulator.control.log();
      figures.reloadWithOtherTab =
        authorizeCalls(log) > 0 ? 'bounced through authorize' : 'kept the session';
      figures.configOnSignedInReload = configDownloads(app, before);
      if (authorizeCalls(log) > 0 || codeExchanges(log) > 0) {
        throw new Error(
          `The reload made ${authorizeCalls(log)} authorize and ${codeExchanges(log)} token requests, with the first tab open`,
        );
      }
    },
  );

  await step(
    `each load downloads config.json ${configDownloadsPerLoad[label] === 1 ? 'once' : 'twice'}`,
    () => {
      // Counted by nginx, as the steps above loaded the pages.
      const loads = {
        'the start page': figures.configOnStartPage,
        'a reload with another tab open': figures.configOnSignedInReload,
      };
      for (const [load, statuses] of Object.entries(loads)) {
        if (statuses?.length !== configDownloadsPerLoad[label]) {
          throw new Error(
            `${load} downloaded config.json ${describeDownloads(statuses)} times, not ${configDownloadsPerLoad[label]}: update the README`,
          );
        }
      }
      return Promise.resolve();
    },
    { blocking: false },
  );

  await step(
    'the shared vault counts each tab once, after a closed tab and reloads',
    async () => {
      // A tab closed, then reloads: whatever page went without a word is out of the count once
      // the vault has called the roll of the next page that connects (src/auth/vault/vault-worker.ts).
      const third = await running().newTab();
      await third.goto(`${appUrl}/work`);
      await waitFor(third, 'My work in a third tab', (state) => signedIn(state));
      await third.close();
      for (let reload = 0; reload < 3; reload++) {
        await second.reload();
        await waitFor(
          second,
          'My work again in the second tab',
          (state) => signedIn(state) && state.itemCount !== null,
        );
      }
      // Within the page: a load here would leave a page in WebKit's back/forward cache.
      await second.click('//a[@href="/session"]');
      const counted = await valueOf<string | null>(
        second,
        `document.querySelector('[data-testid=token-vault]')?.textContent ?? null`,
        (text) => text?.includes('tabs sharing it: 2.') ?? false,
        // The roll call takes 2 s; WebKit on a loaded machine is slow to answer it.
        15_000,
      );
      figures.tabsAfterReloads = /tabs sharing it: (\d+)/.exec(counted ?? '')?.[1] ?? counted;
      // Back to My work first, the entry that the Back of a later step expects before Projects.
      await second.click('//nav//a[@href="/work"]');
      await waitFor(
        second,
        'My work in the second tab',
        (state) => state.url === `${appUrl}/work` && state.itemCount !== null,
      );
      if (!counted?.includes('tabs sharing it: 2.')) {
        throw new Error(`With two tabs open, the Session page says: ${counted}`);
      }
    },
    { blocking: false },
  );

  await step('sign-out in one tab ends the other tab’s session', async () => {
    // A page of the app's own before the sign-out (which replaces its entry), for Back.
    await second.click('//nav//a[@href="/projects"]');
    await waitFor(
      second,
      'Projects in the second tab',
      (state) => state.url === `${appUrl}/projects` && signedIn(state),
    );
    await second.click(buttonNamed('Sign out'));
    await waitFor(second, 'the start page in the tab that signed out', noData);
    await waitFor(first, 'the other tab signed out, its data gone', noData);
  });

  await step('Back after sign-out shows no data, in either tab', async () => {
    for (const [name, tab] of [
      ['the tab signed out elsewhere', first],
      ['the tab that signed out', second],
    ] as const) {
      // The app may land on the start page again after Back (a signed-out route sends it there),
      // so the URL cannot tell that Back happened: a mark on the page that Back leaves can.
      await tab.evaluate(markBeforeBack);
      await tab.back();
      await waitFor(tab, `Back in ${name}`, (state) => state.leftMarkedEntry);
      await waitFor(tab, `${name}, after Back, signed out with no data`, noData);
    }
  });

  await step(
    'Back from Workfront’s page to a page signed out meanwhile shows no data',
    async () => {
      // Signed in again in the first tab, which then leaves the app for a page of Workfront's;
      // the second tab signs out; Back brings the first tab's signed-in page again, from the
      // back/forward cache or the network, across a change of opener policy.
      await first.click(buttonNamed('Sign in with Workfront'));
      await signInAtWorkfrontIfAsked(first);
      await waitFor(
        first,
        'My work, signed in again',
        (state) => signedIn(state) && state.url === `${appUrl}/work` && state.rows > 0,
      );
      await first.goto(`${emulatorUrl}/`);
      await waitFor(first, 'Workfront’s page', (state) => state.url.startsWith(`${emulatorUrl}/`));
      await second.goto(`${appUrl}/work`);
      await waitFor(
        second,
        'My work in the second tab',
        (state) => signedIn(state) && state.rows > 0,
      );
      await second.click(buttonNamed('Sign out'));
      await waitFor(second, 'the start page in the tab that signed out', noData);
      await first.evaluate(markBeforeBack);
      await first.back();
      await waitFor(
        first,
        'Back in the first tab',
        (state) => state.leftMarkedEntry && state.url.startsWith(appUrl),
      );
      await waitFor(first, 'the first tab, after Back, signed out with no data', noData);
    },
  );

  await step('no issued token is readable by the page after sign-out', async () => {
    await expectNoTokenReadable(running(), first, issued);
    figures.tokensChecked = await expectNoTokenReadable(running(), second, issued);
  });

  if (engine) {
    const closing = engine.close();
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  figures.seconds = (Date.now() - started) / 1000;
  return { results, figures };
}

// ---------------------------------------------------------------------------------------------

function describeDownloads(statuses: number[] | undefined): string {
  if (!statuses) return 'not measured';
  return `${statuses.length}${statuses.length > 0 ? ` (HTTP ${statuses.join(', ')})` : ''}`;
}

async function main(): Promise<number> {
  const [outDir, ...wanted] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: smoke.ts <build folder> [firefox|webkit …]');
    return 2;
  }
  const engines = wanted.length > 0 ? wanted : ['firefox', 'webkit'];
  aimAtEmulator(outDir);
  const emulator = await startEmulator();
  const app = await startApp(outDir, process.env.NGINX_PATH ?? 'nginx');
  const runs: { results: StepResult[]; figures: Figures }[] = [];
  try {
    for (const name of engines) {
      if (name === 'firefox') {
        const path = findFirefox();
        console.log(`\nFirefox ESR (${path}), over WebDriver BiDi`);
        runs.push(await runEngine(() => launchFirefox(path), 'Firefox ESR', emulator, app));
      } else if (name === 'webkit') {
        const paths = findWebKit();
        console.log(`\nWebKitGTK (${paths?.driver ?? 'no WebKitWebDriver'}), over W3C WebDriver`);
        runs.push(
          await runEngine(
            () => {
              if (!paths) {
                throw new Error(
                  'WebKitWebDriver or MiniBrowser not found: apt-get install webkit2gtk-driver',
                );
              }
              return launchWebKit(paths);
            },
            'WebKitGTK',
            emulator,
            app,
          ),
        );
      } else {
        console.error(`Unknown engine ${name}: firefox or webkit`);
        return 2;
      }
    }
  } finally {
    await app.stop();
    await emulator.stop();
  }

  console.log('\nEngine figures');
  for (const { figures } of runs) {
    console.log(`  ${figures.engine}:`);
    console.log(
      `    reload of the only tab:            ${figures.reloadOfOnlyTab ?? 'not measured'}`,
    );
    console.log(
      `    reload with another tab open:      ${figures.reloadWithOtherTab ?? 'not measured'}`,
    );
    console.log(
      `    config.json downloads, start page: ${describeDownloads(figures.configOnStartPage)}`,
    );
    console.log(
      `    config.json downloads, signed-in reload: ${describeDownloads(figures.configOnSignedInReload)}`,
    );
    if (figures.configOnBouncedReload) {
      console.log(
        `    config.json downloads, reload with bounce: ${describeDownloads(figures.configOnBouncedReload)}`,
      );
      console.log(`      documents: ${figures.loadsOfOnlyTabReload ?? ''}`);
    }
    console.log(
      `    tabs sharing the vault, 2 open:    ${figures.tabsAfterReloads ?? 'not measured'}`,
    );
    console.log(
      `    issued tokens readable by the page: ${figures.tokensChecked === undefined ? 'not checked' : `none (of ${figures.tokensChecked})`}`,
    );
    console.log(`    smoke time:                        ${figures.seconds?.toFixed(1)} s`);
  }
  const all = runs.flatMap((run) => run.results);
  const failures = all.filter((result) => !result.ok);
  console.log(`\nengines: ${all.length - failures.length} passed, ${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (status) => {
    killAllServers();
    process.exit(status);
  },
  (error: unknown) => {
    console.error(error);
    killAllServers();
    process.exit(1);
  },
);
