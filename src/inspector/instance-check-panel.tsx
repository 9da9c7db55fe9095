import { lazy, Suspense } from 'react';
import { useAuthState } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { instanceCheckMessages } from './instance-check-messages';
import { useInstanceCheck } from './use-instance-check';

// The answers, the advice and their messages load once a check has finished.
const InstanceCheckResults = lazy(() =>
  import('./instance-check-results').then((m) => ({ default: m.InstanceCheckResults })),
);

/** "Check this Workfront": the flow inspector's section that learns the instance's behaviours. */
export function InstanceCheckPanel() {
  const t = useMessages(instanceCheckMessages);
  const signedIn = useAuthState().status === 'signed-in';
  const { state, run } = useInstanceCheck();
  return (
    <section className="panel" aria-labelledby="instance-check-heading">
      <h2 id="instance-check-heading">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <button
        type="button"
        disabled={!signedIn || state.status === 'running'}
        onClick={() => void run()}
      >
        {t('run')}
      </button>
      {!signedIn && <p className="muted">{t('signInFirst')}</p>}
      {state.status === 'running' && (
        <p role="status">{t('checking', { step: t(`step.${state.step}`) })}</p>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="error-text">
          {t('failed', { reason: state.reason })}
        </p>
      )}
      {state.status === 'done' && (
        <Suspense fallback={null}>
          <InstanceCheckResults profile={state.profile} downloadUrl={state.downloadUrl} />
        </Suspense>
      )}
    </section>
  );
}
