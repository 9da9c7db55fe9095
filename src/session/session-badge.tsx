import { Link } from 'react-router';
import { useAuthState } from '../auth/auth-context';
import { formatCountdown, useNow } from './use-now';

/** A compact view of the session in the layout; it opens the flow inspector. */
export function SessionBadge() {
  const state = useAuthState();
  const now = useNow();
  const label =
    state.status === 'signed-in'
      ? `Session · ${formatCountdown(state.expiresAt - now)}`
      : 'Session · signed out';
  return (
    <Link to="/session" className="session-badge" aria-label={`${label}. Open the flow inspector`}>
      {label}
    </Link>
  );
}
