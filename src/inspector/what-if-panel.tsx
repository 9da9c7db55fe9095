import { useState } from 'react';
import type { PlainKey } from '../i18n/catalog';
import { useMessages } from '../i18n/i18n-context';
import { emulatorControls } from './emulator-controls';
import { messages } from './messages';

type Controls = ReturnType<typeof emulatorControls>;
type Key = PlainKey<(typeof messages)['en']>;

const actions: { label: Key; next: Key; run: (controls: Controls) => Promise<void> }[] = [
  { label: 'expireAccess.label', next: 'expireAccess.next', run: (c) => c.expireAccessToken() },
  {
    label: 'expireAbsolute.label',
    next: 'expireRefresh.next',
    run: (c) => c.expireRefreshToken('absolute'),
  },
  {
    label: 'expireInactivity.label',
    next: 'expireRefresh.next',
    run: (c) => c.expireRefreshToken('inactivity'),
  },
  { label: 'revoke.label', next: 'revoke.next', run: (c) => c.revokeSession() },
  { label: 'fail503.label', next: 'fail503.next', run: (c) => c.failNextRefresh() },
  { label: 'dropState.label', next: 'dropState.next', run: (c) => c.dropState() },
  { label: 'bearer.label', next: 'tokenType.next', run: (c) => c.setTokenType('Bearer') },
  { label: 'sessionID.label', next: 'tokenType.next', run: (c) => c.setTokenType('sessionID') },
];

/** Buttons that make the emulator misbehave, to watch the app recover. Emulator only. */
export function WhatIfPanel({ workfrontUrl }: { workfrontUrl: string }) {
  const t = useMessages(messages);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const controls = emulatorControls(workfrontUrl);

  async function run(action: (typeof actions)[number]) {
    try {
      await action.run(controls);
      setOutcome({ text: t('done', { next: t(action.next) }), failed: false });
    } catch (error) {
      setOutcome({ text: t('refused', { reason: String(error) }), failed: true });
    }
  }

  return (
    <section className="panel" aria-labelledby="what-if-heading">
      <h2 id="what-if-heading">{t('whatIfTitle')}</h2>
      <p className="muted">{t('whatIfIntro')}</p>
      <div className="button-row">
        {actions.map((action) => (
          <button key={action.label} type="button" onClick={() => void run(action)}>
            {t(action.label)}
          </button>
        ))}
      </div>
      {outcome && (
        <p
          role={outcome.failed ? 'alert' : 'status'}
          className={outcome.failed ? 'error-text' : ''}
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
