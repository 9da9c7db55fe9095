import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../components/query-state';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery, useWorkfrontClient } from '../workfront';
import { messages } from './messages';
import { usePageTitle } from '../components/use-page-title';

export function ProfilePage() {
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));
  const t = useMessages(messages);
  usePageTitle(t('title'));

  return (
    <main className="page">
      <h1>{t('title')}</h1>
      <QueryState query={me} loading={{ rows: 3, label: t('loading') }} what={t('what')}>
        {(user) => (
          <dl className="fields">
            <dt>{t('name')}</dt>
            <dd>{user.name}</dd>
            <dt>{t('jobTitle')}</dt>
            <dd>{user.title ?? t('notSet')}</dd>
            <dt>{t('email')}</dt>
            <dd>{user.email ?? t('notSet')}</dd>
            <dt>{t('id')}</dt>
            <dd>
              <code>{user.id}</code>
            </dd>
          </dl>
        )}
      </QueryState>
    </main>
  );
}
