import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import type { AuthClient } from '../auth/auth-client';
import { CallbackPage } from '../callback/callback-page';
import { LandingPage } from '../landing/landing-page';
import { currentUserQuery } from '../workfront/current-user';
import { myProjectsQuery, projectQuery, projectTasksQuery } from '../workfront/projects';
import { myWorkQuery, workItemNotesQuery, workItemQuery } from '../workfront/work-items';
import type { WorkfrontClient } from '../workfront/workfront-client';
import { NotFoundPage } from './not-found-page';
import { RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

interface RouterContext {
  auth: AuthClient;
  queryClient: QueryClient;
  workfront: WorkfrontClient;
  redirectPath: string;
}

/** Each data screen is its own chunk; the signed-out landing page loads none of them. */
export const screens = {
  myWork: () => import('../work/my-work-page').then((m) => ({ Component: m.MyWorkPage })),
  workItem: () => import('../work/work-item-page').then((m) => ({ Component: m.WorkItemPage })),
  projects: () => import('../projects/projects-page').then((m) => ({ Component: m.ProjectsPage })),
  project: () => import('../projects/project-page').then((m) => ({ Component: m.ProjectPage })),
  profile: () => import('../profile/profile-page').then((m) => ({ Component: m.ProfilePage })),
};

export function createAppRouter({ auth, queryClient, workfront, redirectPath }: RouterContext) {
  /**
   * Loaders start the data requests while the screen's code downloads, not after it renders.
   * `staleTime: 'static'` makes them fetch only what is not cached yet (the successor of
   * ensureQueryData). They never block or fail the navigation: screens show their own states.
   */
  const prefetch =
    (...queries: ((params: Record<string, string | undefined>) => Promise<unknown>)[]) =>
    ({ params }: { params: Record<string, string | undefined> }) => {
      if (auth.getState().status === 'signed-in') {
        for (const query of queries) query(params).catch(() => undefined);
      }
      return null;
    };

  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <LandingPage /> },
        { path: redirectPath, element: <CallbackPage /> },
        {
          element: <RequireAuth />,
          children: [
            {
              path: 'work',
              lazy: screens.myWork,
              loader: prefetch(() =>
                queryClient.infiniteQuery({ ...myWorkQuery(workfront), staleTime: 'static' }),
              ),
            },
            {
              path: 'work/:kind/:id',
              lazy: screens.workItem,
              loader: prefetch(
                ({ kind, id = '' }) =>
                  kind === 'task' || kind === 'issue'
                    ? queryClient.query({
                        ...workItemQuery(workfront, kind, id),
                        staleTime: 'static',
                      })
                    : Promise.resolve(),
                ({ kind, id = '' }) =>
                  kind === 'task' || kind === 'issue'
                    ? queryClient.query({
                        ...workItemNotesQuery(workfront, kind, id),
                        staleTime: 'static',
                      })
                    : Promise.resolve(),
              ),
            },
            {
              path: 'projects',
              lazy: screens.projects,
              loader: prefetch(() =>
                queryClient.query({ ...myProjectsQuery(workfront), staleTime: 'static' }),
              ),
            },
            {
              path: 'projects/:id',
              lazy: screens.project,
              loader: prefetch(
                ({ id = '' }) =>
                  queryClient.query({ ...projectQuery(workfront, id), staleTime: 'static' }),
                ({ id = '' }) =>
                  queryClient.query({ ...projectTasksQuery(workfront, id), staleTime: 'static' }),
              ),
            },
            {
              path: 'me',
              lazy: screens.profile,
              loader: prefetch(() =>
                queryClient.query({ ...currentUserQuery(workfront), staleTime: 'static' }),
              ),
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
