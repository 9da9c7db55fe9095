import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useAuthClient, useAuthState } from '../auth/auth-context';
import { currentUserQuery } from '../workfront/current-user';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { OfflineBanner } from './offline-banner';

export function RootLayout() {
  const state = useAuthState();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="layout-header">
        <Link to="/" className="brand">
          Workfront
        </Link>
        {state.status === 'signed-in' && <SignedInNavigation />}
      </header>
      <OfflineBanner />
      <div id="main" tabIndex={-1}>
        <Outlet />
      </div>
    </div>
  );
}

function SignedInNavigation() {
  const auth = useAuthClient();
  const navigate = useNavigate();
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));

  async function signOut() {
    await auth.signOut();
    await navigate('/', { replace: true });
  }

  return (
    <>
      <nav aria-label="Main">
        <NavLink to="/work" end>
          My work
        </NavLink>
        <NavLink to="/projects">Projects</NavLink>
      </nav>
      <NavLink to="/me" className="account" data-testid="signed-in-user">
        {me.data?.name ?? 'Profile'}
      </NavLink>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </>
  );
}
