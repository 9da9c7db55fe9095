import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../app/not-found-page';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { workfrontKeys } from '../workfront/query-keys';
import type { WorkItemKind } from '../workfront/work-item-model';
import { useWorkItemStatuses } from '../workfront/work-item-statuses';
import {
  updateWorkItem,
  workItemNotesQuery,
  workItemQuery,
  type WorkItemChanges,
  type WorkItemDetail,
} from '../workfront/work-items';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { workItemMessages as messages } from './work-item-messages';

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
  const statuses = useWorkItemStatuses(client, kind);
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  const optionalDate = (date: Date | null) => (date ? format.date(date) : t('notSet'));

  return (
    <main className="page">
      <p>
        <Link to="/work">{t('back')}</Link>
      </p>
      {item.isPending ? (
        <SkeletonRows count={4} label={t('loadingItem')} />
      ) : item.isError ? (
        <ErrorPanel
          error={item.error}
          what={kind === 'task' ? t('whatTask') : t('whatIssue')}
          onRetry={() => void item.refetch()}
        />
      ) : (
        <>
          <h1 className="detail-title">{item.data.name}</h1>
          <dl className="fields">
            <dt>{t('type')}</dt>
            <dd>{t(kind)}</dd>
            <dt>{t('status')}</dt>
            <dd>{labels.status(item.data.status, statuses.workfrontLabel(item.data.status))}</dd>
            <dt>{t('complete')}</dt>
            <dd>{format.percent(item.data.percentComplete)}</dd>
            <dt>{t('priorityLabel')}</dt>
            <dd>{labels.priority(item.data.priority)}</dd>
            <dt>{t('project')}</dt>
            <dd>
              {item.data.project ? (
                <Link to={`/projects/${item.data.project.id}`}>{item.data.project.name}</Link>
              ) : (
                t('none')
              )}
            </dd>
            <dt>{t('assignedTo')}</dt>
            <dd>{item.data.assignedTo?.name ?? t('nobody')}</dd>
            <dt>{t('plannedStart')}</dt>
            <dd>{optionalDate(item.data.plannedStartDate)}</dd>
            <dt>{t('dueLabel')}</dt>
            <dd>{optionalDate(item.data.dueDate)}</dd>
            <dt>{t('projectedCompletion')}</dt>
            <dd>{optionalDate(item.data.projectedCompletionDate)}</dd>
          </dl>
          {item.data.description && <p className="description">{item.data.description}</p>}
          {/* Keyed by the values, so the form shows the rollback when Workfront refuses. */}
          <UpdateForm
            key={`${item.data.status}|${item.data.percentComplete}`}
            item={item.data}
            statuses={statuses}
            mutation={update}
          />
          {update.isError && (
            <p role="alert" className="error-text">
              {t('undone', { reason: labels.apiError(update.error) })}
            </p>
          )}
          {update.isSuccess && <p role="status">{t('saved')}</p>}
        </>
      )}
      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">{t('updates')}</h2>
        {notes.isPending ? (
          <SkeletonRows count={2} label={t('loadingUpdates')} />
        ) : notes.isError ? (
          <ErrorPanel
            error={notes.error}
            what={t('whatUpdates')}
            onRetry={() => void notes.refetch()}
          />
        ) : notes.data.length === 0 ? (
          <p className="muted">{t('noUpdates')}</p>
        ) : (
          <ul className="notes">
            {notes.data.map((note) => (
              <li key={note.id}>
                <p>{note.text}</p>
                <p className="muted">
                  {t('noteBy', {
                    author: note.author ?? t('someone'),
                    date: format.dateTime(note.date),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

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

function UpdateForm({
  item,
  statuses,
  mutation,
}: {
  item: WorkItemDetail;
  statuses: ReturnType<typeof useWorkItemStatuses>;
  mutation: UpdateMutation;
}) {
  const [status, setStatus] = useState(item.status);
  const [percent, setPercent] = useState(String(item.percentComplete));
  const t = useMessages(messages);
  const labels = useWorkfrontLabels();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: WorkItemChanges = {};
    if (status !== item.status) changes.status = status;
    if (Number(percent) !== item.percentComplete) changes.percentComplete = Number(percent);
    if (Object.keys(changes).length > 0) mutation.mutate(changes);
  }

  return (
    <form className="panel update-form" onSubmit={submit}>
      <h2>{t('update')}</h2>
      <label>
        {t('status')}
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
          }}
        >
          {statuses.choicesFor(item.status).map(({ code, label }) => (
            <option key={code} value={code}>
              {labels.status(code, label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('percentComplete')}
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
        {mutation.isPending ? t('saving') : t('save')}
      </button>
    </form>
  );
}
