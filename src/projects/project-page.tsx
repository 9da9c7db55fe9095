import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { projectQuery, projectTasksQuery, useProjectStatusLabel } from '../workfront/projects';
import { useWorkfrontClient, useWorkfrontStatusLabel } from '../workfront';
import { messages } from './messages';
import { usePageTitle } from '../components/use-page-title';

export function ProjectPage() {
  const { id = '' } = useParams();
  const client = useWorkfrontClient();
  const project = useQuery(projectQuery(client, id));
  const tasks = useQuery(projectTasksQuery(client, id));
  const t = useMessages(messages);
  usePageTitle(project.isError ? null : project.data?.name, t('title'));
  const format = useFormat();
  const labels = useWorkfrontLabels();
  // A task's custom status (INP:A) as Workfront labels it, as My work shows it.
  const workfrontLabel = useWorkfrontStatusLabel(client);
  const projectStatusLabel = useProjectStatusLabel(client);

  return (
    <main className="page">
      <p>
        <Link to="/projects">{t('back')}</Link>
      </p>
      <QueryState
        query={project}
        loading={{ rows: 2, label: t('loadingProject') }}
        what={t('whatProject')}
      >
        {(details) => (
          <>
            <h1 className="detail-title">{details.name}</h1>
            <dl className="fields">
              <dt>{t('status')}</dt>
              <dd>{labels.status(details.status, projectStatusLabel(details.status))}</dd>
              <dt>{t('complete')}</dt>
              <dd>{format.percent(details.percentComplete)}</dd>
              <dt>{t('ownerLabel')}</dt>
              <dd>{details.owner?.name ?? t('nobody')}</dd>
              <dt>{t('plannedCompletion')}</dt>
              <dd>
                {details.plannedCompletionDate
                  ? format.date(details.plannedCompletionDate)
                  : t('notSet')}
              </dd>
            </dl>
          </>
        )}
      </QueryState>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t('tasks')}</h2>
        <QueryState
          query={tasks}
          loading={{ rows: 5, label: t('loadingTasks') }}
          what={t('whatTasks')}
          empty={{ message: t('noTasks'), inSection: true }}
        >
          {(projectTasks) => (
            <ul className="card-list">
              {projectTasks.map((task) => (
                <li key={task.id}>
                  <Link to={`/work/task/${task.id}`}>{task.name}</Link>
                  <span className="work-row-meta">
                    <span>{labels.status(task.status, workfrontLabel(task.status, 'task'))}</span>
                    <span>{format.percent(task.percentComplete)}</span>
                    {task.dueDate && <span>{t('due', { date: format.date(task.dueDate) })}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </main>
  );
}
