import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery, useWorkfrontClient } from '../workfront';
import { messages } from './user-changed-messages';

/**
 * Says who is signed in now when Workfront signed in someone else than before (after a reload,
 * or in another tab): a user coming back to this tab must not act as another without knowing.
 * A chunk of its own, loaded only then (signed-in-shell.tsx).
 */
export default function UserChangedNotice() {
  const me = useQuery(currentUserQuery(useWorkfrontClient()));
  const [seen, setSeen] = useState(false);
  const t = useMessages(messages);
  if (seen) return null;
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
