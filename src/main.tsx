import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app/router';
import { RestoringSession } from './app/restoring-session';
import './app/app.css';
import { createAuthClient } from './auth/auth-client';
import { AuthProvider } from './auth/auth-context';
import { loadAppConfig } from './config/app-config';
import { ConfigErrorPage } from './config/config-error-page';
import { createWorkfrontClient, logout, workfrontApiBase } from './workfront/workfront-client';
import { WorkfrontProvider } from './workfront/workfront-context';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

async function start() {
  let config;
  try {
    config = await loadAppConfig();
  } catch (error) {
    root.render(<ConfigErrorPage error={error} />);
    return;
  }

  const apiBase = workfrontApiBase(config);
  const auth = createAuthClient(config, {
    endWorkfrontSession: (accessToken) => logout(apiBase, accessToken),
  });

  const { pathname, search, hash } = window.location;
  if (auth.resumeAfterReload(`${pathname}${search}${hash}`)) {
    root.render(<RestoringSession />);
    return;
  }

  const workfront = createWorkfrontClient(apiBase, auth);
  const queryClient = new QueryClient();
  const router = createAppRouter({
    auth,
    queryClient,
    workfront,
    redirectPath: config.redirectPath,
  });

  root.render(
    <StrictMode>
      <AuthProvider client={auth}>
        <WorkfrontProvider client={workfront}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </WorkfrontProvider>
      </AuthProvider>
    </StrictMode>,
  );
}

void start();
