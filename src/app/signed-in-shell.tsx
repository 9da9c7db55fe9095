import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuthClient, useAuthState } from '../auth';
import { currentUserQuery, useWorkfrontClient, WorkfrontProvider } from '../workfront';
import { useDataLayer } from './data-layer-context';
import { useMessages } from '../i18n/i18n-context';
import { HeaderMenu } from './header-menu';
import { LayoutHeader } from './layout-header';
import { messages } from './messages';
import { MainContent } from './main-content';

const QueryDevtools = import.meta.env.DEV
  ? lazy(() =>
      import('@tanstack/react-query-devtools').then((m) => ({ default: m.ReactQueryDevtools })),
    )
  : () => null;

const UserChangedNotice = lazy(() => import('./user-changed-notice'));

/** The layout once signed in: the data layer's providers, the navigation, and the screens. */
export function SignedInShell({ badge }: { badge: ReactNode }) {
  const { queryClient, workfront } = useDataLayer();
  const state = useAuthState();
  return (
    <QueryClientProvider client={queryClient}>
      <WorkfrontProvider client={workfront}>
        <LayoutHeader Menu={HeaderMenu}>
          <SignedInNavigation badge={badge} />
        </LayoutHeader>
        {state.status === 'signed-in' && state.userChanged && (
          <Suspense>
            <UserChangedNotice />
          </Suspense>
        )}
        <MainContent>
          <Outlet />
        </MainContent>
        <Suspense>
          <QueryDevtools />
        </Suspense>
      </WorkfrontProvider>
    </QueryClientProvider>
  );
}

/** The badge comes first after the navigation, so that its late arrival moves no control. */
function SignedInNavigation({ badge }: { badge: ReactNode }) {
  const auth = useAuthClient();
  const navigate = useNavigate();
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));
  const t = useMessages(messages);

  async function signOut() {
    await auth.signOut();
    await navigate('/', { replace: true });
  }

  return (
    <>
      <nav aria-label={t('mainNavigation')}>
        <NavLink to="/work" end>
          {t('myWork')}
        </NavLink>
        <NavLink to="/projects">{t('projects')}</NavLink>
      </nav>
      {badge}
      <NavLink to="/me" className="account" data-testid="signed-in-user">
        {me.data?.name ?? t('profile')}
      </NavLink>
      <button type="button" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </>
  );
}
