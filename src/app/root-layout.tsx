import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useAuthClient, useAuthState } from '../auth/auth-context';

export function RootLayout() {
  const state = useAuthState();
  const auth = useAuthClient();
  const navigate = useNavigate();

  async function signOut() {
    await auth.signOut();
    await navigate('/', { replace: true });
  }

  return (
    <div className="layout">
      <header className="layout-header">
        <Link to="/" className="brand">
          Workfront
        </Link>
        {state.status === 'signed-in' && (
          <>
            <nav aria-label="Main">
              <NavLink to="/work">My work</NavLink>
            </nav>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        )}
      </header>
      <Outlet />
    </div>
  );
}
