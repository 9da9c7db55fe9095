import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryState } from '../components/query-state';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { currentUserQuery, useWorkfrontClient, type WorkItemKind } from '../workfront';
import { useWorkItemStatuses, workItemQuery } from '../workfront/work-item-detail';
import { workItemMessages as messages } from './work-item-messages';
import { WorkItemUpdateForm } from './work-item-update-form';

/** A task's or an issue's fields as Workfront has them, and the form that updates them. */
export function WorkItemDetails({ kind, id }: { kind: WorkItemKind; id: string }) {
  const client = useWorkfrontClient();
  const item = useQuery(workItemQuery(client, kind, id));
  const me = useQuery(currentUserQuery(client));
  const statuses = useWorkItemStatuses(client, kind);
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();
  const optionalDate = (date: Date | null) => (date ? format.date(date) : t('notSet'));

  return (
    <QueryState
      query={item}
      loading={{ rows: 4, label: t('loadingItem') }}
      what={kind === 'task' ? t('whatTask') : t('whatIssue')}
    >
      {(detail) => (
        <>
          <h1 className="detail-title">{detail.name}</h1>
          <dl className="fields">
            <dt>{t('type')}</dt>
            <dd>{t(kind)}</dd>
            <dt>{t('status')}</dt>
            <dd>{labels.status(detail.status, statuses.workfrontLabel(detail.status))}</dd>
            <dt>{t('complete')}</dt>
            <dd>{format.percent(detail.percentComplete)}</dd>
            <dt>{t('priorityLabel')}</dt>
            <dd>{labels.priority(detail.priority)}</dd>
            <dt>{t('project')}</dt>
            <dd>
              {detail.project ? (
                <Link to={`/projects/${detail.project.id}`}>{detail.project.name}</Link>
              ) : (
                t('none')
              )}
            </dd>
            <dt>{t('assignedTo')}</dt>
            <dd>{detail.assignedTo?.name ?? t('nobody')}</dd>
            <dt>{t('plannedStart')}</dt>
            <dd>{optionalDate(detail.plannedStartDate)}</dd>
            <dt>{t('dueLabel')}</dt>
            <dd>{optionalDate(detail.dueDate)}</dd>
            <dt>{t('projectedCompletion')}</dt>
            <dd>{optionalDate(detail.projectedCompletionDate)}</dd>
          </dl>
          {detail.description && <p className="description">{detail.description}</p>}
          {/* Waits for the user's ID: a draft of theirs may be kept under it. */}
          {!me.isPending && (
            <WorkItemUpdateForm
              key={`${kind}:${id}`}
              kind={kind}
              id={id}
              item={detail}
              statuses={statuses}
              userId={me.data?.id ?? null}
            />
          )}
        </>
      )}
    </QueryState>
  );
}
