import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../app/not-found-page';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery } from '../workfront/current-user';
import type { WorkItemKind } from '../workfront/work-item-model';
import { useWorkItemStatuses } from '../workfront/work-item-statuses';
import { workItemNotesQuery, workItemQuery } from '../workfront/work-items';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { workItemMessages as messages } from './work-item-messages';
import { WorkItemUpdateForm } from './work-item-update-form';

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
  const me = useQuery(currentUserQuery(client));
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
          {/* Waits for the user's ID: a draft of theirs may be kept under it. */}
          {!me.isPending && (
            <WorkItemUpdateForm
              key={`${kind}:${id}`}
              kind={kind}
              id={id}
              item={item.data}
              statuses={statuses}
              userId={me.data?.id ?? null}
            />
          )}
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
