// The floor: the same libraries as the app, used minimally. The app's bundles are measured
// against this, so that what the app adds on top of its dependencies is visible.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, RouterProvider } from 'react-router';

const userManager = new UserManager({
  authority: 'http://localhost:8787',
  client_id: 'floor',
  redirect_uri: `${window.location.origin}/callback`,
  userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
});
const queryClient = new QueryClient();
const router = createBrowserRouter([
  {
    path: '/',
    element: (
      <button type="button" onClick={() => void userManager.signinRedirect()}>
        Sign in
      </button>
    ),
  },
  { path: '/work', element: <Link to="/">Home</Link> },
]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}
