import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryState } from '../components/query-state';
import { useWorkfrontLabels } from '../components/workfront-labels';
import { useFormat } from '../i18n/format';
import { useMessages } from '../i18n/i18n-context';
import { myProjectsQuery, useProjectStatusLabel } from '../workfront/projects';
import { useWorkfrontClient } from '../workfront';
import { messages } from './messages';
import { usePageTitle } from '../components/use-page-title';

export function ProjectsPage() {
  const client = useWorkfrontClient();
  const projects = useQuery(myProjectsQuery(client));
  const t = useMessages(messages);
  usePageTitle(t('title'));
  const format = useFormat();
  const labels = useWorkfrontLabels();
  // A project status the app has no words for (REQ, CUR:A) as Workfront labels it.
  const projectStatusLabel = useProjectStatusLabel(client);

  return (
    <main className="page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <QueryState
        query={projects}
        loading={{ rows: 5, label: t('loading') }}
        what={t('what')}
        empty={{ message: t('empty') }}
      >
        {(myProjects) => (
          <ul className="card-list">
            {myProjects.map((project) => (
              <li key={project.id}>
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
                <span className="work-row-meta">
                  <span>{labels.status(project.status, projectStatusLabel(project.status))}</span>
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
      </QueryState>
    </main>
  );
}
