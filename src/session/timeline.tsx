import type { FlowEvent } from '../auth/flow-log';
import { formatTime } from '../components/format';

const authorizeParameters: Record<string, string> = {
  client_id: 'Which OAuth2 application asks: the client ID from Workfront’s settings.',
  redirect_uri: 'Where Workfront sends the browser back; it must match a registered URL exactly.',
  response_type: '"code": the Authorization Code flow.',
  scope: '"offline_access" asks for a refresh token.',
  state: 'A random value Workfront echoes back, so the app knows the answer is to its request.',
  code_challenge: 'SHA-256 of the secret verifier. Only this tab can later prove it.',
  code_challenge_method: '"S256", the only method Workfront takes.',
};

const callbackParameters: Record<string, string> = {
  code: 'The authorization code: single use, valid for two minutes. Shown in part.',
  domain: 'Your Workfront domain.',
  lane: 'Your Workfront lane (e.g. preview or production).',
  state: 'The value the app sent, echoed back.',
  error: 'Why Workfront did not issue a code.',
  error_description: 'Workfront’s explanation.',
};

const refreshReasons = {
  expiring: 'the access token was about to expire',
  'rejected-by-workfront': 'Workfront refused the session on an API call; the call was retried',
  manual: 'you asked for it',
} as const;

const signOutReasons = {
  'this-tab': 'Signed out in this tab, and Workfront’s session was ended.',
  'other-tab': 'Signed out because another tab signed out.',
  'session-ended': 'The Workfront session ended (the refresh token was refused).',
} as const;

function Parameters({
  params,
  notes,
}: {
  params: [string, string][];
  notes: Record<string, string>;
}) {
  return (
    <table className="parameters">
      <tbody>
        {params.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>
              <code className="value">{value}</code>
              {notes[name] && <div className="muted">{notes[name]}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Fingerprint({ value }: { value: string | null | undefined }) {
  if (value === undefined) return null;
  return value === null ? <span>none issued</span> : <code className="fingerprint">{value}</code>;
}

function EventBody({ event }: { event: FlowEvent }) {
  switch (event.type) {
    case 'authorize': {
      const url = new URL(event.url);
      return (
        <>
          <h3>Authorize request</h3>
          <p>
            The browser went to <code>{`${url.origin}${url.pathname}`}</code> with:
          </p>
          <Parameters params={[...url.searchParams]} notes={authorizeParameters} />
        </>
      );
    }
    case 'callback':
      return (
        <>
          <h3>Callback</h3>
          <p>Workfront sent the browser back with:</p>
          <Parameters params={event.params} notes={callbackParameters} />
        </>
      );
    case 'pkce-proof':
      return (
        <>
          <h3>PKCE proof</h3>
          <p>The verifier, shown now that the code is spent:</p>
          <p>
            <code className="value">{event.verifier}</code>
          </p>
          <p>
            SHA-256 of it, base64url: <code className="value">{event.computed}</code>
          </p>
          <p>
            Challenge sent: <code className="value">{event.challenge}</code>{' '}
            <strong>{event.computed === event.challenge ? '✓ they match' : '✗ they differ'}</strong>
          </p>
        </>
      );
    case 'token-exchange':
      return (
        <>
          <h3>Token exchange {event.ok ? 'succeeded' : 'failed'}</h3>
          {event.ok ? (
            <dl className="fields">
              <dt>token_type</dt>
              <dd>{event.tokenType}</dd>
              <dt>expires_in</dt>
              <dd>{event.expiresIn} s</dd>
              <dt>scope</dt>
              <dd>{event.scope || '(none)'}</dd>
              <dt>access token</dt>
              <dd>
                <Fingerprint value={event.accessFingerprint} />
              </dd>
              <dt>refresh token</dt>
              <dd>
                <Fingerprint value={event.refreshFingerprint} />
              </dd>
            </dl>
          ) : (
            <p>{event.error}</p>
          )}
        </>
      );
    case 'refresh':
      return (
        <>
          <h3>Refresh {event.ok ? 'succeeded' : 'failed'}</h3>
          <p>Why: {refreshReasons[event.reason]}.</p>
          {event.ok ? (
            <dl className="fields">
              <dt>access token</dt>
              <dd>
                <Fingerprint value={event.accessFingerprint} />
              </dd>
              <dt>refresh token</dt>
              <dd>
                <Fingerprint value={event.refreshFingerprint} />{' '}
                {event.rotated ? '(rotated: the old one no longer works)' : '(not rotated)'}
              </dd>
              <dt>token_type</dt>
              <dd>{event.tokenType}</dd>
              <dt>expires_in</dt>
              <dd>{event.expiresIn} s</dd>
            </dl>
          ) : (
            <p>{event.error}</p>
          )}
        </>
      );
    case 'signed-out':
      return (
        <>
          <h3>Signed out</h3>
          <p>{signOutReasons[event.how]}</p>
        </>
      );
  }
}

export function Timeline({ events }: { events: readonly FlowEvent[] }) {
  if (events.length === 0) {
    return <p className="muted">Nothing yet in this tab. Sign in to watch the flow.</p>;
  }
  return (
    <ol className="timeline" aria-label="OAuth timeline">
      {events.map((event, index) => (
        <li key={index} className={`timeline-${event.type}`}>
          <time dateTime={new Date(event.at).toISOString()}>{formatTime(new Date(event.at))}</time>
          <EventBody event={event} />
        </li>
      ))}
    </ol>
  );
}
