import { useEffect } from 'react';
import { useAuthState } from '../auth';
import { LandingPage } from '../landing/landing-page';
import { AppNavigationContext } from './app-link';
import { PageLayout, SignedOutLayout } from './page-layout';

/**
 * The signed-out start page before the router has loaded: the first paint needs none of the
 * router's code. A link, or a session that turns up, hands the page over to the router.
 */
export function LandingShell({ openApp }: { openApp: (to?: string) => void }) {
  const state = useAuthState();
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (signedIn) openApp();
  }, [signedIn, openApp]);
  return (
    <AppNavigationContext value={openApp}>
      <PageLayout>
        <SignedOutLayout>
          <LandingPage returnTo={new URLSearchParams(window.location.search).get('returnTo')} />
        </SignedOutLayout>
      </PageLayout>
    </AppNavigationContext>
  );
}
