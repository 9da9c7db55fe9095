import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAuthState } from '../auth';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery, useWorkfrontClient } from '../workfront';
import { messages } from './messages';

/**
 * Says who is signed in now when Workfront signed in someone else than before (after a reload,
 * or in another tab): a user coming back to this tab must not act as another without knowing.
 */
export function UserChangedNotice() {
  const state = useAuthState();
  const me = useQuery(currentUserQuery(useWorkfrontClient()));
  const [seen, setSeen] = useState(false);
  const t = useMessages(messages);
  if (state.status !== 'signed-in' || !state.userChanged || seen) return null;
  return (
    <div className="notice-banner" role="status">
      <p>{me.data ? t('userChanged', { name: me.data.name }) : t('userChangedUnnamed')}</p>
      <button
        type="button"
        onClick={() => {
          setSeen(true);
        }}
      >
        {t('understood')}
      </button>
    </div>
  );
}
