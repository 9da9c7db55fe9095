import { useQuery } from '@tanstack/react-query';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { currentUserQuery } from '../workfront/current-user';
import { useWorkfrontClient } from '../workfront/workfront-context';

export function ProfilePage() {
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));

  return (
    <main className="page">
      <h1>Profile</h1>
      {me.isPending ? (
        <SkeletonRows count={3} label="Loading your profile" />
      ) : me.isError ? (
        <ErrorPanel error={me.error} what="Your profile" onRetry={() => void me.refetch()} />
      ) : (
        <dl className="fields">
          <dt>Name</dt>
          <dd>{me.data.name}</dd>
          <dt>Title</dt>
          <dd>{me.data.title ?? 'Not set'}</dd>
          <dt>Email</dt>
          <dd>{me.data.email ?? 'Not set'}</dd>
          <dt>Workfront ID</dt>
          <dd>
            <code>{me.data.id}</code>
          </dd>
        </dl>
      )}
    </main>
  );
}
