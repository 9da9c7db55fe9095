import { useAuthState } from '../auth';
import { formatCountdown, useNow } from '../components/use-now';
import { useMessages } from '../i18n/i18n-context';
import { AppLink } from './app-link';
import { messages } from './messages';

/** A compact view of the session in the layout; it opens the flow inspector. */
export function SessionBadge() {
  const state = useAuthState();
  const now = useNow();
  const t = useMessages(messages);
  const label =
    state.status === 'signed-in'
      ? t('sessionSignedIn', { countdown: formatCountdown(state.expiresAt - now) })
      : t('sessionSignedOut');
  return (
    <AppLink to="/session" className="session-badge" aria-label={t('sessionBadgeLabel', { label })}>
      {label}
    </AppLink>
  );
}
