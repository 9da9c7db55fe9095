import type { ReactElement } from 'react';
import { createBrowserRouter, RouterProvider, type LoaderFunctionArgs } from 'react-router';
import type { AuthClient } from '../auth';
import type { AppConfig } from '../config/app-config';
import { LandingRoute } from '../landing/landing-route';
import { MyWorkPage } from '../work/my-work-page';
import { createDataLayer, type DataLayer } from './data-layer';
import { DataLayerContext } from './data-layer-context';
import { RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';
import { screens } from './screens';

interface AppContext {
  config: AppConfig;
  auth: AuthClient;
}

type Params = LoaderFunctionArgs['params'];

function createAppRouter(auth: AuthClient, data: DataLayer, config: AppConfig) {
  /**
   * Loaders start the data requests while the screen's code downloads, not after it renders.
   * They never block or fail the navigation: the screens show their own loading and error states.
   */
  const prefetch =
    (ensure: (data: DataLayer, params: Params) => Promise<unknown>) =>
    ({ params }: LoaderFunctionArgs) => {
      if (auth.getState().status === 'signed-in') {
        // The header's "who am I" starts with the screen's own request, not after it.
        Promise.all([data.ensure.me(), ensure(data, params)]).catch(() => undefined);
      }
      return null;
    };

  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <LandingRoute /> },
        { path: config.redirectPath, lazy: screens.callback },
        // The flow inspector is a developer's instrument: off, its code never loads.
        ...(config.inspector ? [{ path: 'session', lazy: screens.session }] : []),
        {
          element: <RequireAuth />,
          children: [
            {
              path: 'work',
              element: <MyWorkPage />,
              loader: prefetch((data) => data.ensure.myWork()),
            },
            {
              path: 'work/:kind/:id',
              lazy: screens.workItem,
              loader: prefetch((data, { kind, id = '' }) =>
                kind === 'task' || kind === 'issue'
                  ? data.ensure.workItem(kind, id)
                  : Promise.resolve(),
              ),
            },
            {
              path: 'projects',
              lazy: screens.projects,
              loader: prefetch((data) => data.ensure.projects()),
            },
            {
              path: 'projects/:id',
              lazy: screens.project,
              loader: prefetch((data, { id = '' }) => data.ensure.project(id)),
            },
            {
              path: 'me',
              lazy: screens.profile,
              loader: prefetch((data) => data.ensure.me()),
            },
          ],
        },
        { path: '*', lazy: screens.notFound },
      ],
    },
  ]);
}

/**
 * The app's routes, ready to render; src/main.tsx loads this module for every page but the
 * signed-out start page. The sign-in path (My work and the signed-in layout) comes in this one
 * chunk; the other screens load when their route is visited. So does the callback page: a
 * sign-in that succeeds never shows it (the callback document loads the app at its return path),
 * so it is the failure's page, with the failure's explanations.
 */
export function createApp({ config, auth }: AppContext): {
  element: ReactElement;
  navigate: (to: string) => Promise<void>;
} {
  const data = createDataLayer(config, auth);
  const router = createAppRouter(auth, data, config);
  return {
    element: (
      <DataLayerContext value={data}>
        <RouterProvider router={router} />
      </DataLayerContext>
    ),
    navigate: (to) => router.navigate(to),
  };
}
