import { useQuery } from '@tanstack/react-query';
import { currentUserQuery } from '../workfront/current-user';
import { useWorkfrontClient } from '../workfront/workfront-context';

export function MyWorkPage() {
  const client = useWorkfrontClient();
  const me = useQuery(currentUserQuery(client));

  return (
    <main className="page">
      <h1>My work</h1>
      {me.isPending && <p role="status">Loading your Workfront profile…</p>}
      {me.isError && (
        <div role="alert">
          <p>Your profile could not be loaded: {me.error.message}</p>
          <button type="button" onClick={() => void me.refetch()}>
            Retry
          </button>
        </div>
      )}
      {me.data && (
        <p>
          Signed in as <strong data-testid="signed-in-user">{me.data.name}</strong>
          {me.data.title ? `, ${me.data.title}` : ''}
        </p>
      )}
    </main>
  );
}
