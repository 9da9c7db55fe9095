import { Link } from 'react-router';
import { useAuthState } from '../auth';
import { formatCountdown, useNow } from '../components/use-now';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

/**
 * A compact view of the session in the header; it opens the flow inspector. It loads,
 * with its messages, only where config.json turns the inspector on.
 */
export function SessionBadge() {
  const state = useAuthState();
  const now = useNow();
  const t = useMessages(messages);
  const label =
    state.status === 'signed-in'
      ? t('badgeSignedIn', { countdown: formatCountdown(state.expiresAt - now) })
      : t('badgeSignedOut');
  return (
    <Link to="/session" className="session-badge" aria-label={t('badgeLabel', { label })}>
      {label}
    </Link>
  );
}
