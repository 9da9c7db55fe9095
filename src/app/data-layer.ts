import { QueryClient } from '@tanstack/react-query';
import {
  currentUserQuery,
  workItemStatusesQuery,
  myWorkQuery,
  workfrontRetryPolicy,
  createWorkfrontClient,
  workfrontApiBase,
  type WorkItemKind,
  type WorkfrontClient,
} from '../workfront';
import type { AppConfig } from '../config/app-config';
import { forgetDrafts } from '../work/forget-drafts';
import type { AuthClient } from '../auth';

/**
 * TanStack Query and the Workfront queries, in a chunk of their own: the signed-out landing page
 * loads none of it. Route loaders and the signed-in screens share the one QueryClient.
 */
export function createDataLayer(config: AppConfig, auth: AuthClient) {
  const workfront = createWorkfrontClient(workfrontApiBase(config), auth);
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // Data fetched by a route loader is fresh when its screen mounts: no second request.
        staleTime: 30_000,
        // Retry what may pass next time (network, 5xx); Workfront's refusals will not.
        ...workfrontRetryPolicy,
      },
    },
  });
  // Workfront came back as someone else after a reload: the first user's drafts go, as at a
  // sign-out. (A change in an open page passes through signed-out, below.)
  const initial = auth.getState();
  if (initial.status === 'signed-in' && initial.userChanged) forgetDrafts();
  // Whoever signs in next in this tab must never see this user's data, not even for a frame.
  auth.subscribe(() => {
    const state = auth.getState();
    if (state.status !== 'signed-out') return;
    queryClient.clear();
    // A sign-out takes the user's unsaved drafts with it; a session that ended keeps them for
    // after the next sign-in.
    if (state.reason === 'signed-out') forgetDrafts();
  });
  // The queries of the other screens load with them, not with My work.
  const projects = () => import('../workfront/projects');
  const workItem = () => import('../workfront/work-item-detail');
  /** Fetch what is not cached yet (`staleTime: 'static'` is the successor of ensureQueryData). */
  const ensure = {
    myWork: () => queryClient.infiniteQuery({ ...myWorkQuery(workfront), staleTime: 'static' }),
    workItem: async (kind: WorkItemKind, id: string) => {
      const { workItemQuery, workItemNotesQuery } = await workItem();
      return Promise.all([
        queryClient.query({ ...workItemQuery(workfront, kind, id), staleTime: 'static' }),
        queryClient.query({ ...workItemNotesQuery(workfront, kind, id), staleTime: 'static' }),
        queryClient.query(workItemStatusesQuery(workfront, kind)),
      ]);
    },
    projects: async () => {
      const { myProjectsQuery } = await projects();
      return queryClient.query({ ...myProjectsQuery(workfront), staleTime: 'static' });
    },
    project: async (id: string) => {
      const { projectQuery, projectTasksQuery } = await projects();
      return Promise.all([
        queryClient.query({ ...projectQuery(workfront, id), staleTime: 'static' }),
        queryClient.query({ ...projectTasksQuery(workfront, id), staleTime: 'static' }),
      ]);
    },
    me: () => queryClient.query({ ...currentUserQuery(workfront), staleTime: 'static' }),
  };
  // Only the bench's build sets VITE_BENCH_HOOKS: it drives queries from outside the page. In a
  // normal build the condition is the constant false and the bundler drops the block.
  if (import.meta.env.VITE_BENCH_HOOKS === 'true') {
    window.workfrontBench = { queryClient, workfront };
  }
  return { queryClient, workfront, ensure };
}

declare global {
  interface Window {
    /** The data layer, for the bench (bench/refresh.ts); set only in a VITE_BENCH_HOOKS build. */
    workfrontBench?: { queryClient: QueryClient; workfront: WorkfrontClient };
  }
}

export type DataLayer = ReturnType<typeof createDataLayer>;
