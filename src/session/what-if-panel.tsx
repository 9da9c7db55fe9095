import { useState } from 'react';
import { emulatorControls } from './emulator-controls';

type Controls = ReturnType<typeof emulatorControls>;

const actions: { label: string; run: (controls: Controls) => Promise<void>; next: string }[] = [
  {
    label: 'Expire the access token',
    run: (c) => c.expireAccessToken(),
    next: 'Open My work: Workfront refuses the next call, the app refreshes and retries it.',
  },
  {
    label: 'Expire the refresh token (absolute)',
    run: (c) => c.expireRefreshToken('absolute'),
    next: 'Press "Refresh now": the session ends and the app asks you to sign in again.',
  },
  {
    label: 'Expire the refresh token (inactivity)',
    run: (c) => c.expireRefreshToken('inactivity'),
    next: 'Press "Refresh now": the session ends and the app asks you to sign in again.',
  },
  {
    label: 'Revoke the session',
    run: (c) => c.revokeSession(),
    next: 'Open My work: the call and the refresh are refused, and the session ends.',
  },
  {
    label: 'Fail the next refresh with a 503',
    run: (c) => c.failNextRefresh(),
    next: 'Press "Refresh now": the first try fails, the retry a second later succeeds.',
  },
  {
    label: 'Drop state from redirects',
    run: (c) => c.dropState(),
    next: 'Sign out and in again: the app matches the answer to its one pending sign-in.',
  },
  {
    label: 'Switch token_type to Bearer',
    run: (c) => c.setTokenType('Bearer'),
    next: 'Press "Refresh now": the new token_type shows in the timeline; the API still works.',
  },
  {
    label: 'Switch token_type to sessionID',
    run: (c) => c.setTokenType('sessionID'),
    next: 'Press "Refresh now": the new token_type shows in the timeline.',
  },
];

/** Buttons that make the emulator misbehave, to watch the app recover. Emulator only. */
export function WhatIfPanel({ workfrontUrl }: { workfrontUrl: string }) {
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const controls = emulatorControls(workfrontUrl);

  async function run(action: (typeof actions)[number]) {
    try {
      await action.run(controls);
      setOutcome({ text: `Done. ${action.next}`, failed: false });
    } catch (error) {
      setOutcome({ text: `The emulator did not take it: ${String(error)}`, failed: true });
    }
  }

  return (
    <section className="panel" aria-labelledby="what-if-heading">
      <h2 id="what-if-heading">What if…</h2>
      <p className="muted">
        These ask the local emulator to misbehave, so you can watch the app recover.
      </p>
      <div className="button-row">
        {actions.map((action) => (
          <button key={action.label} type="button" onClick={() => void run(action)}>
            {action.label}
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
