import { useQuery } from '@tanstack/react-query';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery } from '../workfront/current-user';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { messages } from './messages';

export function ProfilePage() {
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));
  const t = useMessages(messages);

  return (
    <main className="page">
      <h1>{t('title')}</h1>
      {me.isPending ? (
        <SkeletonRows count={3} label={t('loading')} />
      ) : me.isError ? (
        <ErrorPanel error={me.error} what={t('what')} onRetry={() => void me.refetch()} />
      ) : (
        <dl className="fields">
          <dt>{t('name')}</dt>
          <dd>{me.data.name}</dd>
          <dt>{t('jobTitle')}</dt>
          <dd>{me.data.title ?? t('notSet')}</dd>
          <dt>{t('email')}</dt>
          <dd>{me.data.email ?? t('notSet')}</dd>
          <dt>{t('id')}</dt>
          <dd>
            <code>{me.data.id}</code>
          </dd>
        </dl>
      )}
    </main>
  );
}
