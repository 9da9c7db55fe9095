import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { projectQuery, projectTasksQuery } from '../workfront/projects';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { messages } from './messages';

export function ProjectPage() {
  const { id = '' } = useParams();
  const client = useWorkfrontClient();
  const project = useQuery(projectQuery(client, id));
  const tasks = useQuery(projectTasksQuery(client, id));
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();

  return (
    <main className="page">
      <p>
        <Link to="/projects">{t('back')}</Link>
      </p>
      {project.isPending ? (
        <SkeletonRows count={2} label={t('loadingProject')} />
      ) : project.isError ? (
        <ErrorPanel
          error={project.error}
          what={t('whatProject')}
          onRetry={() => void project.refetch()}
        />
      ) : (
        <>
          <h1 className="detail-title">{project.data.name}</h1>
          <dl className="fields">
            <dt>{t('status')}</dt>
            <dd>{labels.status(project.data.status)}</dd>
            <dt>{t('complete')}</dt>
            <dd>{format.percent(project.data.percentComplete)}</dd>
            <dt>{t('ownerLabel')}</dt>
            <dd>{project.data.owner?.name ?? t('nobody')}</dd>
            <dt>{t('plannedCompletion')}</dt>
            <dd>
              {project.data.plannedCompletionDate
                ? format.date(project.data.plannedCompletionDate)
                : t('notSet')}
            </dd>
          </dl>
        </>
      )}
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t('tasks')}</h2>
        {tasks.isPending ? (
          <SkeletonRows count={5} label={t('loadingTasks')} />
        ) : tasks.isError ? (
          <ErrorPanel
            error={tasks.error}
            what={t('whatTasks')}
            onRetry={() => void tasks.refetch()}
          />
        ) : tasks.data.length === 0 ? (
          <p className="muted">{t('noTasks')}</p>
        ) : (
          <ul className="card-list">
            {tasks.data.map((task) => (
              <li key={task.id}>
                <Link to={`/work/task/${task.id}`}>{task.name}</Link>
                <span className="work-row-meta">
                  <span>{labels.status(task.status)}</span>
                  <span>{format.percent(task.percentComplete)}</span>
                  {task.dueDate && <span>{t('due', { date: format.date(task.dueDate) })}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
