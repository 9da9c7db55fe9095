import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { AppLoadFailure } from './app/app-load-failure';
import { LandingShell } from './app/landing-shell';
import { RestoringSession } from './app/restoring-session';
import { createAuthClient, AuthProvider, openVault } from './auth';
import { loadAppConfig, type AppConfig } from './config/app-config';
import { AppConfigContext } from './config/config-context';
import { I18nProvider, localeReady } from './i18n/i18n-context';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

/**
 * The router and the layouts it renders. The signed-out start page paints without them (its
 * budget is 0.8 of the floor app's JS, bench/budgets.test.ts); every other page starts their
 * download at once, beside config.json.
 */
let appCode: Promise<typeof import('./app/router')> | undefined;
const loadAppCode = () =>
  (appCode ??= import('./app/router').catch((error: unknown) => {
    appCode = undefined;
    throw error;
  }));
/** A head start only: if it fails, the page tries again when it needs the code. */
const prefetchAppCode = () => {
  loadAppCode().catch(() => undefined);
};
const onStartPage = window.location.pathname === '/';
if (!onStartPage) prefetchAppCode();

function whenIdle(task: () => void) {
  if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}

/**
 * config.json is the download that index.html's preload started: the server has it revalidated
 * on every load (a 304 is fine), so that a fix applies at once. The callback document, which
 * loads the app once the code is spent, read it moments ago and says `force-cache`: the app there
 * takes that copy from the HTTP cache, one round trip less (deploy/callback-document.ts).
 */
const configCache = document.documentElement.dataset.configCache as RequestCache | undefined;

async function start() {
  let config: AppConfig;
  try {
    config = await loadAppConfig(
      {
        workfrontUrl: import.meta.env.VITE_WORKFRONT_URL,
        clientId: import.meta.env.VITE_WORKFRONT_CLIENT_ID,
        apiVersion: import.meta.env.VITE_WORKFRONT_API_VERSION,
      },
      { cache: configCache },
    );
  } catch (error) {
    // Only a broken configuration needs this screen, so it loads only then.
    const { ConfigErrorPage } = await import('./config/config-error-page');
    await localeReady;
    root.render(
      <I18nProvider>
        <ConfigErrorPage error={error} />
      </I18nProvider>,
    );
    return;
  }

  const auth = createAuthClient(config, {
    openVault,
    // A developer's instrument: off, its code never loads (one request more when on).
    observer: config.inspector ? (await import('./inspector/flow-log')).flowLog : undefined,
  });

  const { pathname, search, hash } = window.location;
  if (auth.wasSignedIn() && pathname !== config.redirectPath) {
    await localeReady;
    root.render(
      <I18nProvider>
        <RestoringSession />
      </I18nProvider>,
    );
  }
  if ((await auth.afterReload(`${pathname}${search}${hash}`)) === 'bouncing') {
    // Back from Workfront's page restores this one, frozen mid-redirect: start again, which
    // does not bounce a second time (auth-client.ts).
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) window.location.reload();
    });
    return;
  }

  await localeReady;
  const render = (app: ReactNode) => {
    root.render(
      <StrictMode>
        <I18nProvider>
          <AppConfigContext value={config}>
            <AuthProvider client={auth}>{app}</AuthProvider>
          </AppConfigContext>
        </I18nProvider>
      </StrictMode>,
    );
  };

  let app: Promise<ReturnType<(typeof import('./app/router'))['createApp']>> | undefined;
  /** Renders the router, where the page is or at `to`; the same router for the page's life. */
  function openApp(to?: string) {
    app ??= loadAppCode().then(({ createApp }) => {
      const created = createApp({ config, auth });
      render(created.element);
      return created;
    });
    app.then(
      (created) => {
        if (to !== undefined) void created.navigate(to);
      },
      () => {
        // Its code could not load (offline, or a release replaced it). A click lets the browser
        // load the page itself; a page that cannot start says so, with a way on.
        app = undefined;
        if (to !== undefined) window.location.assign(to);
        else render(<AppLoadFailure />);
      },
    );
  }

  if (onStartPage && auth.getState().status !== 'signed-in') {
    render(<LandingShell openApp={openApp} />);
    // What a sign-in needs next, ready before the click: the vault (with oidc-client-ts), and
    // the router's code, which the callback page then finds in the HTTP cache.
    whenIdle(() => {
      auth.preload();
      prefetchAppCode();
    });
  } else {
    openApp();
  }
}

void start();
