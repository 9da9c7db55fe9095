import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useAuthClient, useAuthState } from '../auth';
import { formatCountdown, useNow } from '../components/use-now';
import { useAppConfig } from '../config/config-context';
import { useMessages } from '../i18n/i18n-context';
import { flowLog } from './flow-log';
import { messages } from './messages';
import { Timeline } from './timeline';
import { WhatIfPanel } from './what-if-panel';

// The check, its probes and its messages load only with the inspector's section for it.
const InstanceCheckPanel = lazy(() =>
  import('./instance-check-panel').then((m) => ({ default: m.InstanceCheckPanel })),
);

/** The flow inspector: this tab's OAuth story, as it happens. */
export function SessionPage() {
  const auth = useAuthClient();
  const state = useAuthState();
  const config = useAppConfig();
  const t = useMessages(messages);
  const events = useSyncExternalStore(flowLog.subscribe, flowLog.events);
  const vault = useSyncExternalStore(flowLog.subscribe, flowLog.vaultInfo);
  const now = useNow();

  return (
    <main className="page">
      <h1>{t('title')}</h1>
      <ol aria-label={t('storyLabel')}>
        <li>{t('story.secret')}</li>
        <li>{t('story.code', { redirect: `${location.origin}${config.redirectPath}` })}</li>
        <li>{t('story.exchange')}</li>
      </ol>
      <section className="panel" aria-label={t('current')}>
        {state.status === 'signed-in' ? (
          <>
            <p>
              {t('signedInBefore')}{' '}
              <strong role="timer" aria-live="off">
                {formatCountdown(state.expiresAt - now)}
              </strong>
              {t('signedInAfter')}
            </p>
            <button type="button" onClick={() => void auth.refreshNow()}>
              {t('refreshNow')}
            </button>
          </>
        ) : (
          <p>{t('signedOut')}</p>
        )}
        {vault && (
          <p data-testid="token-vault">
            {vault.kind === 'shared'
              ? t('vaultShared', { tabs: String(vault.tabs) })
              : t('vaultPerTab')}
            {vault.userId !== null && <> {t('vaultUser', { id: vault.userId })}</>}
          </p>
        )}
        <p className="muted">{t('fingerprints')}</p>
      </section>
      <Suspense fallback={null}>
        <InstanceCheckPanel />
      </Suspense>
      {config.emulator && <WhatIfPanel workfrontUrl={config.workfrontUrl} />}
      <h2>{t('timeline')}</h2>
      <Timeline events={events} />
    </main>
  );
}
