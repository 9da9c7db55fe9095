import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { SkeletonRows } from '../components/skeleton';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { myProjectsQuery } from '../workfront/projects';
import { useWorkfrontClient } from '../workfront/workfront-context';
import { messages } from './messages';

export function ProjectsPage() {
  const client = useWorkfrontClient();
  const projects = useQuery(myProjectsQuery(client));
  const t = useMessages(messages);
  const format = useFormat();
  const labels = useWorkfrontLabels();

  return (
    <main className="page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {projects.isPending ? (
        <SkeletonRows count={5} label={t('loading')} />
      ) : projects.isError ? (
        <ErrorPanel
          error={projects.error}
          what={t('what')}
          onRetry={() => void projects.refetch()}
        />
      ) : projects.data.length === 0 ? (
        <div className="panel empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <ul className="card-list">
          {projects.data.map((project) => (
            <li key={project.id}>
              <Link to={`/projects/${project.id}`}>{project.name}</Link>
              <span className="work-row-meta">
                <span>{labels.status(project.status)}</span>
                <span>{format.percent(project.percentComplete)}</span>
                {project.owner && <span>{t('owner', { name: project.owner.name })}</span>}
                {project.plannedCompletionDate && (
                  <span>{t('due', { date: format.date(project.plannedCompletionDate) })}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
