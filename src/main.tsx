import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './app/app.css';
import type { DataLayer } from './app/data-layer';
import { DataLayerContext } from './app/data-layer-context';
import { RestoringSession } from './app/restoring-session';
import { createAppRouter, screens } from './app/router';
import { createAuthClient } from './auth/auth-client';
import { AuthProvider } from './auth/auth-context';
import { openVault } from './auth/vault-connection';
import { loadAppConfig } from './config/app-config';
import { AppConfigContext } from './config/config-context';
import { I18nProvider } from './i18n/i18n-context';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

async function start() {
  let config;
  try {
    config = await loadAppConfig({
      workfrontUrl: import.meta.env.VITE_WORKFRONT_URL,
      clientId: import.meta.env.VITE_WORKFRONT_CLIENT_ID,
      apiVersion: import.meta.env.VITE_WORKFRONT_API_VERSION,
    });
  } catch (error) {
    // Only a broken configuration needs this screen, so it loads only then.
    const { ConfigErrorPage } = await import('./config/config-error-page');
    root.render(
      <I18nProvider>
        <ConfigErrorPage error={error} />
      </I18nProvider>,
    );
    return;
  }

  const auth = createAuthClient(config, { openVault });

  const { pathname, search, hash } = window.location;
  if (pathname === config.redirectPath) {
    // Coming back from Workfront: start the token vault alongside the callback screen's code, so
    // the token request waits for one download, not two in a row.
    auth.preload();
    void screens.callback();
  }
  if (auth.wasSignedIn() && pathname !== config.redirectPath) {
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

  let dataLayer: Promise<DataLayer> | undefined;
  const loadDataLayer = () =>
    (dataLayer ??= import('./app/data-layer')
      .then((m) => m.createDataLayer(config, auth))
      .catch((error: unknown) => {
        dataLayer = undefined;
        throw error;
      }));
  const router = createAppRouter({ auth, loadDataLayer, redirectPath: config.redirectPath });

  root.render(
    <StrictMode>
      <I18nProvider>
        <AppConfigContext value={config}>
          <AuthProvider client={auth}>
            <DataLayerContext value={loadDataLayer}>
              <RouterProvider router={router} />
            </DataLayerContext>
          </AuthProvider>
        </AppConfigContext>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
