import { useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useAuthClient, useAuthState } from '../auth/auth-context';
import { safeReturnPath } from '../auth/return-path';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

export function LandingPage() {
  const state = useAuthState();
  const auth = useAuthClient();
  const t = useMessages(messages);
  const [searchParams] = useSearchParams();
  const [redirecting, setRedirecting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const returnTo = searchParams.get('returnTo');

  // Back from Workfront restores this page as it left it, its button still "Redirecting…".
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false);
    };
    window.addEventListener('pageshow', restored);
    return () => {
      window.removeEventListener('pageshow', restored);
    };
  }, []);

  if (state.status === 'signed-in') {
    // A crafted link must not send a signed-in user off this origin (or throw in the router).
    return <Navigate to={safeReturnPath(returnTo, window.location.origin)} replace />;
  }

  async function signIn() {
    setRedirecting(true);
    setFailure(null);
    try {
      // The auth module checks returnTo: only a path on this origin is followed.
      await auth.signIn(returnTo ?? '/work');
    } catch (error) {
      setRedirecting(false);
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <main className="centered-page landing">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {state.reason === 'signed-out' && <p role="status">{t('signedOut')}</p>}
      {returnTo && <p>{t('continue')}</p>}
      <button
        type="button"
        className="primary"
        disabled={redirecting}
        onClick={() => void signIn()}
      >
        {redirecting ? t('redirecting') : t('signIn')}
      </button>
      {failure && (
        <p role="alert" className="error-text">
          {t('couldNotStart', { reason: failure })}
        </p>
      )}
    </main>
  );
}
