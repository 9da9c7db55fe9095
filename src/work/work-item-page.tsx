import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../app/not-found-page';
import { describeApiError, ErrorPanel } from '../components/error-panel';
import {
  formatDate,
  formatDateTime,
  formatPercent,
  priorityLabel,
  statusLabel,
} from '../components/format';
import { SkeletonRows } from '../components/skeleton';
import { workfrontKeys } from '../workfront/query-keys';
import {
  updateWorkItem,
  workItemNotesQuery,
  workItemQuery,
  type WorkItemChanges,
  type WorkItemDetail,
  type WorkItemKind,
} from '../workfront/work-items';
import { useWorkfrontClient } from '../workfront/workfront-context';

const isKind = (value: string | undefined): value is WorkItemKind =>
  value === 'task' || value === 'issue';

export function WorkItemPage() {
  const { kind, id } = useParams();
  if (!isKind(kind) || !id) return <NotFoundPage />;
  return <WorkItemDetails kind={kind} id={id} />;
}

function WorkItemDetails({ kind, id }: { kind: WorkItemKind; id: string }) {
  const client = useWorkfrontClient();
  const item = useQuery(workItemQuery(client, kind, id));
  const notes = useQuery(workItemNotesQuery(client, kind, id));
  const update = useUpdateWorkItem(kind, id);
  const noun = kind === 'task' ? 'Task' : 'Issue';

  return (
    <main className="page">
      <p>
        <Link to="/work">← My work</Link>
      </p>
      {item.isPending ? (
        <SkeletonRows count={4} label={`Loading the ${kind}`} />
      ) : item.isError ? (
        <ErrorPanel error={item.error} what={`This ${kind}`} onRetry={() => void item.refetch()} />
      ) : (
        <>
          <h1 className="detail-title">{item.data.name}</h1>
          <dl className="fields">
            <dt>Type</dt>
            <dd>{noun}</dd>
            <dt>Status</dt>
            <dd>{statusLabel(item.data.status)}</dd>
            <dt>Complete</dt>
            <dd>{formatPercent(item.data.percentComplete)}</dd>
            <dt>Priority</dt>
            <dd>{priorityLabel(item.data.priority)}</dd>
            <dt>Project</dt>
            <dd>
              {item.data.project ? (
                <Link to={`/projects/${item.data.project.id}`}>{item.data.project.name}</Link>
              ) : (
                'None'
              )}
            </dd>
            <dt>Assigned to</dt>
            <dd>{item.data.assignedTo?.name ?? 'Nobody'}</dd>
            <dt>Planned start</dt>
            <dd>
              {item.data.plannedStartDate ? formatDate(item.data.plannedStartDate) : 'Not set'}
            </dd>
            <dt>Due</dt>
            <dd>{item.data.dueDate ? formatDate(item.data.dueDate) : 'Not set'}</dd>
            <dt>Projected completion</dt>
            <dd>
              {item.data.projectedCompletionDate
                ? formatDate(item.data.projectedCompletionDate)
                : 'Not set'}
            </dd>
          </dl>
          {item.data.description && <p className="description">{item.data.description}</p>}
          {/* Keyed by the values, so the form shows the rollback when Workfront refuses. */}
          <UpdateForm
            key={`${item.data.status}|${item.data.percentComplete}`}
            item={item.data}
            mutation={update}
          />
          {update.isError && (
            <p role="alert" className="error-text">
              Your change was undone. {describeApiError(update.error)}
            </p>
          )}
          {update.isSuccess && <p role="status">Saved.</p>}
        </>
      )}
      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">Updates</h2>
        {notes.isPending ? (
          <SkeletonRows count={2} label="Loading updates" />
        ) : notes.isError ? (
          <ErrorPanel error={notes.error} what="Updates" onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <p className="muted">No updates yet.</p>
        ) : (
          <ul className="notes">
            {notes.data.map((note) => (
              <li key={note.id}>
                <p>{note.text}</p>
                <p className="muted">
                  {note.author ?? 'Someone'}, {formatDateTime(note.date)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

const editableStatuses = ['NEW', 'INP', 'CPL'];

/** Changes status and percent complete optimistically; Workfront's refusal rolls them back. */
function useUpdateWorkItem(kind: WorkItemKind, id: string) {
  const client = useWorkfrontClient();
  const queryClient = useQueryClient();
  const { queryKey } = workItemQuery(client, kind, id);

  return useMutation({
    mutationFn: (changes: WorkItemChanges) => updateWorkItem(client, kind, id, changes),
    onMutate: async (changes) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      queryClient.setQueryData(queryKey, (old) => old && { ...old, ...changes });
      return { previous };
    },
    onError: (_error, _changes, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKey, updated);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workfrontKeys.myWork() }),
        queryClient.invalidateQueries({ queryKey: workfrontKeys.projects() }),
      ]),
  });
}

type UpdateMutation = ReturnType<typeof useUpdateWorkItem>;

function UpdateForm({ item, mutation }: { item: WorkItemDetail; mutation: UpdateMutation }) {
  const [status, setStatus] = useState(item.status);
  const [percent, setPercent] = useState(String(item.percentComplete));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: WorkItemChanges = {};
    if (status !== item.status) changes.status = status;
    if (Number(percent) !== item.percentComplete) changes.percentComplete = Number(percent);
    if (Object.keys(changes).length > 0) mutation.mutate(changes);
  }

  const statusOptions = editableStatuses.includes(item.status)
    ? editableStatuses
    : [...editableStatuses, item.status];

  return (
    <form className="panel update-form" onSubmit={submit}>
      <h2>Update</h2>
      <label>
        Status
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
          }}
        >
          {statusOptions.map((code) => (
            <option key={code} value={code}>
              {statusLabel(code)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Percent complete
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={percent}
          onChange={(event) => {
            setPercent(event.target.value);
          }}
        />
      </label>
      <button type="submit" className="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
