import type { PlainKey } from '../i18n/catalog';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import type { ShownEvent } from './flow-log';
import { messages } from './messages';

type Key = PlainKey<(typeof messages)['en']>;
type T = ReturnType<typeof useMessages<(typeof messages)['en']>>;

/** The explanation of a known parameter, e.g. `authorize.state`; none for others. */
function noteKey(prefix: 'authorize' | 'callback', name: string): Key | undefined {
  const key = `${prefix}.${name}`;
  return key in messages.en ? (key as Key) : undefined;
}

function Parameters({
  params,
  prefix,
  t,
}: {
  params: [string, string][];
  prefix: 'authorize' | 'callback';
  t: T;
}) {
  return (
    <table className="parameters">
      <tbody>
        {params.map(([name, value]) => {
          const note = noteKey(prefix, name);
          return (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>
                <code className="value">{value}</code>
                {note && <div className="muted">{t(note)}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Fingerprint({ value, t }: { value: string | null | undefined; t: T }) {
  if (value === undefined) return null;
  return value === null ? (
    <span>{t('noneIssued')}</span>
  ) : (
    <code className="fingerprint">{value}</code>
  );
}

function EventBody({ event, t }: { event: ShownEvent; t: T }) {
  switch (event.type) {
    case 'authorize': {
      const url = new URL(event.url);
      return (
        <>
          <h3>{t('authorizeTitle')}</h3>
          <p>{t('authorizeSentTo', { endpoint: `${url.origin}${url.pathname}` })}</p>
          <Parameters params={[...url.searchParams]} prefix="authorize" t={t} />
        </>
      );
    }
    case 'callback':
      return (
        <>
          <h3>{t('callbackTitle')}</h3>
          <p>{t('callbackIntro')}</p>
          <Parameters params={event.params} prefix="callback" t={t} />
        </>
      );
    case 'pkce-proof':
      return (
        <>
          <h3>{t('proofTitle')}</h3>
          <p>{t('proofVerifier')}</p>
          <p>
            {event.verifier === null ? (
              <span className="muted">{t('proofVerifierForgotten')}</span>
            ) : (
              <code className="value">{event.verifier}</code>
            )}
          </p>
          <p>
            {t('proofComputed')} <code className="value">{event.computed}</code>
          </p>
          <p>
            {t('proofSent')} <code className="value">{event.challenge}</code>{' '}
            <strong>
              {event.computed === event.challenge ? t('proofMatch') : t('proofMismatch')}
            </strong>
          </p>
        </>
      );
    case 'token-exchange':
      return (
        <>
          <h3>{event.ok ? t('exchangeSucceeded') : t('exchangeFailed')}</h3>
          {event.ok ? (
            <dl className="fields">
              <dt>token_type</dt>
              <dd>{event.tokenType}</dd>
              <dt>expires_in</dt>
              <dd>{t('seconds', { count: event.expiresIn ?? '?' })}</dd>
              <dt>scope</dt>
              <dd>{event.scope || t('noScope')}</dd>
              <dt>{t('accessToken')}</dt>
              <dd>
                <Fingerprint value={event.accessFingerprint} t={t} />
              </dd>
              <dt>{t('refreshToken')}</dt>
              <dd>
                <Fingerprint value={event.refreshFingerprint} t={t} />
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
          <h3>{event.ok ? t('refreshSucceeded') : t('refreshFailed')}</h3>
          <p>{t('refreshWhy', { reason: t(`reason.${event.reason}`) })}</p>
          {event.ok ? (
            <dl className="fields">
              <dt>{t('accessToken')}</dt>
              <dd>
                <Fingerprint value={event.accessFingerprint} t={t} />
              </dd>
              <dt>{t('refreshToken')}</dt>
              <dd>
                <Fingerprint value={event.refreshFingerprint} t={t} />{' '}
                {event.rotated ? t('rotated') : t('notRotated')}
              </dd>
              <dt>token_type</dt>
              <dd>{event.tokenType}</dd>
              <dt>expires_in</dt>
              <dd>{t('seconds', { count: event.expiresIn ?? '?' })}</dd>
            </dl>
          ) : (
            <p>{event.error}</p>
          )}
        </>
      );
    case 'revoke':
      return (
        <>
          <h3>{event.ok ? t('revokedTitle') : t('revokeFailedTitle')}</h3>
          <p>
            {event.ok
              ? t('revokedBody')
              : t('revokeFailedBody', {
                  reason:
                    event.status === undefined ? (event.error ?? '?') : `HTTP ${event.status}`,
                })}
          </p>
        </>
      );
    case 'signed-out':
      return (
        <>
          <h3>{t('signedOutTitle')}</h3>
          <p>{t(`signedOut.${event.how}`)}</p>
        </>
      );
  }
}

export function Timeline({ events }: { events: readonly ShownEvent[] }) {
  const t = useMessages(messages);
  const format = useFormat();
  if (events.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <ol className="timeline" aria-label={t('timelineLabel')}>
      {events.map((event, index) => (
        <li key={index} className={`timeline-${event.type}`}>
          <time dateTime={new Date(event.at).toISOString()}>{format.time(new Date(event.at))}</time>
          <EventBody event={event} t={t} />
        </li>
      ))}
    </ol>
  );
}
