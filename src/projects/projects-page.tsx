import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { formatDate, formatPercent, statusLabel } from '../components/format';
import { SkeletonRows } from '../components/skeleton';
import { myProjectsQuery } from '../workfront/projects';
import { useWorkfrontClient } from '../workfront/workfront-context';

export function ProjectsPage() {
  const client = useWorkfrontClient();
  const projects = useQuery(myProjectsQuery(client));

  return (
    <main className="page">
      <h1>Projects</h1>
      <p className="muted">Projects you own, and projects with work assigned to you.</p>
      {projects.isPending ? (
        <SkeletonRows count={5} label="Loading projects" />
      ) : projects.isError ? (
        <ErrorPanel
          error={projects.error}
          what="Projects"
          onRetry={() => void projects.refetch()}
        />
      ) : projects.data.length === 0 ? (
        <div className="panel empty-state">
          <p>
            You own no projects and have no work in any. Projects you join in Workfront appear here.
          </p>
        </div>
      ) : (
        <ul className="card-list">
          {projects.data.map((project) => (
            <li key={project.id}>
              <Link to={`/projects/${project.id}`}>{project.name}</Link>
              <span className="work-row-meta">
                <span>{statusLabel(project.status)}</span>
                <span>{formatPercent(project.percentComplete)}</span>
                {project.owner && <span>Owner: {project.owner.name}</span>}
                {project.plannedCompletionDate && (
                  <span>Due {formatDate(project.plannedCompletionDate)}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
