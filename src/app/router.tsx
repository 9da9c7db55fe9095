import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import type { AuthClient } from '../auth/auth-client';
import { LandingPage } from '../landing/landing-page';
import type { DataLayer } from './data-layer';
import { NotFoundPage } from './not-found-page';
import { RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

interface RouterContext {
  auth: AuthClient;
  loadDataLayer: () => Promise<DataLayer>;
  redirectPath: string;
}

/** Each screen is its own chunk; the signed-out landing page loads none of them. */
export const screens = {
  callback: () => import('../callback/callback-page').then((m) => ({ Component: m.CallbackPage })),
  myWork: () => import('../work/my-work-page').then((m) => ({ Component: m.MyWorkPage })),
  workItem: () => import('../work/work-item-page').then((m) => ({ Component: m.WorkItemPage })),
  projects: () => import('../projects/projects-page').then((m) => ({ Component: m.ProjectsPage })),
  project: () => import('../projects/project-page').then((m) => ({ Component: m.ProjectPage })),
  profile: () => import('../profile/profile-page').then((m) => ({ Component: m.ProfilePage })),
  session: () => import('../session/session-page').then((m) => ({ Component: m.SessionPage })),
};

type Params = LoaderFunctionArgs['params'];

export function createAppRouter({ auth, loadDataLayer, redirectPath }: RouterContext) {
  /**
   * Loaders start the data requests while the screen's code downloads, not after it renders.
   * They never block or fail the navigation: the screens show their own loading and error states.
   */
  const prefetch =
    (ensure: (data: DataLayer, params: Params) => Promise<unknown>) =>
    ({ params }: LoaderFunctionArgs) => {
      if (auth.getState().status === 'signed-in') {
        loadDataLayer()
          .then((data) => ensure(data, params))
          .catch(() => undefined);
      }
      return null;
    };

  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <LandingPage /> },
        { path: redirectPath, lazy: screens.callback },
        { path: 'session', lazy: screens.session },
        {
          element: <RequireAuth />,
          children: [
            {
              path: 'work',
              lazy: screens.myWork,
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
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
