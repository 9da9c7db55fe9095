import { createBrowserRouter } from 'react-router';
import { CallbackPage } from '../callback/callback-page';
import { LandingPage } from '../landing/landing-page';
import { NotFoundPage } from './not-found-page';
import { RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

export function createAppRouter({ redirectPath }: { redirectPath: string }) {
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
              lazy: async () => ({ Component: (await import('../work/my-work-page')).MyWorkPage }),
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
