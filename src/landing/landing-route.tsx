import { Navigate, useSearchParams } from 'react-router';
import { useAuthState, safeReturnPath } from '../auth';
import { LandingPage } from './landing-page';
import { usePageTitle } from '../components/use-page-title';

/** `/` inside the router: signed in, it goes on to `returnTo`; signed out, the start page. */
export function LandingRoute() {
  const state = useAuthState();
  const [searchParams] = useSearchParams();
  const returnTo = searchParams.get('returnTo');
  usePageTitle();
  if (state.status === 'signed-in') {
    // A crafted link must not send a signed-in user off this origin (or throw in the router).
    return <Navigate to={safeReturnPath(returnTo, window.location.origin)} replace />;
  }
  return <LandingPage returnTo={returnTo} />;
}
