import { useSyncExternalStore } from 'react';
import { useAuthClient, useAuthState } from '../auth/auth-context';
import { useAppConfig } from '../config/config-context';
import { Timeline } from './timeline';
import { formatCountdown, useNow } from './use-now';
import { WhatIfPanel } from './what-if-panel';

/** The flow inspector: this tab's OAuth story, as it happens. */
export function SessionPage() {
  const auth = useAuthClient();
  const state = useAuthState();
  const config = useAppConfig();
  const events = useSyncExternalStore(auth.flow.subscribe, auth.flow.events);
  const now = useNow();

  return (
    <main className="page">
      <h1>Session</h1>
      <section className="panel" aria-label="Current session">
        {state.status === 'signed-in' ? (
          <>
            <p>
              Signed in. The access token expires in{' '}
              <strong role="timer" aria-live="off">
                {formatCountdown(state.expiresAt - now)}
              </strong>
              ; the app refreshes it a minute before.
            </p>
            <button type="button" onClick={() => void auth.renewNow()}>
              Refresh now
            </button>
          </>
        ) : (
          <p>Signed out.</p>
        )}
        <p className="muted">
          Tokens are never shown: each appears as the first 8 hex digits of its SHA-256, enough to
          see rotation happen.
        </p>
      </section>
      {config.emulator && <WhatIfPanel workfrontUrl={config.workfrontUrl} />}
      <h2>Timeline</h2>
      <Timeline events={events} />
    </main>
  );
}
