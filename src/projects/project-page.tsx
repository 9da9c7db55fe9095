import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { formatDate, formatPercent, statusLabel } from '../components/format';
import { SkeletonRows } from '../components/skeleton';
import { projectQuery, projectTasksQuery } from '../workfront/projects';
import { useWorkfrontClient } from '../workfront/workfront-context';

export function ProjectPage() {
  const { id = '' } = useParams();
  const client = useWorkfrontClient();
  const project = useQuery(projectQuery(client, id));
  const tasks = useQuery(projectTasksQuery(client, id));

  return (
    <main className="page">
      <p>
        <Link to="/projects">← Projects</Link>
      </p>
      {project.isPending ? (
        <SkeletonRows count={2} label="Loading the project" />
      ) : project.isError ? (
        <ErrorPanel
          error={project.error}
          what="This project"
          onRetry={() => void project.refetch()}
        />
      ) : (
        <>
          <h1 className="detail-title">{project.data.name}</h1>
          <dl className="fields">
            <dt>Status</dt>
            <dd>{statusLabel(project.data.status)}</dd>
            <dt>Complete</dt>
            <dd>{formatPercent(project.data.percentComplete)}</dd>
            <dt>Owner</dt>
            <dd>{project.data.owner?.name ?? 'Nobody'}</dd>
            <dt>Planned completion</dt>
            <dd>
              {project.data.plannedCompletionDate
                ? formatDate(project.data.plannedCompletionDate)
                : 'Not set'}
            </dd>
          </dl>
        </>
      )}
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks</h2>
        {tasks.isPending ? (
          <SkeletonRows count={5} label="Loading tasks" />
        ) : tasks.isError ? (
          <ErrorPanel error={tasks.error} what="Tasks" onRetry={() => void tasks.refetch()} />
        ) : tasks.data.length === 0 ? (
          <p className="muted">This project has no tasks.</p>
        ) : (
          <ul className="card-list">
            {tasks.data.map((task) => (
              <li key={task.id}>
                <Link to={`/work/task/${task.id}`}>{task.name}</Link>
                <span className="work-row-meta">
                  <span>{statusLabel(task.status)}</span>
                  <span>{formatPercent(task.percentComplete)}</span>
                  {task.dueDate && <span>Due {formatDate(task.dueDate)}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
