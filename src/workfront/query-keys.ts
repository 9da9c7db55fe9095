import type { WorkItemKind } from './work-item-model';

/** Every query key the app uses for Workfront data, so that invalidation has one source. */
export const workfrontKeys = {
  all: ['workfront'] as const,
  me: () => [...workfrontKeys.all, 'me'] as const,
  myWork: () => [...workfrontKeys.all, 'my-work'] as const,
  workItems: () => [...workfrontKeys.all, 'work-item'] as const,
  workItem: (kind: WorkItemKind, id: string) => [...workfrontKeys.workItems(), kind, id] as const,
  notes: (kind: WorkItemKind, id: string) =>
    [...workfrontKeys.workItem(kind, id), 'notes'] as const,
  statuses: (kind: WorkItemKind) => [...workfrontKeys.all, 'statuses', kind] as const,
  projects: () => [...workfrontKeys.all, 'projects'] as const,
  project: (id: string) => [...workfrontKeys.projects(), id] as const,
  projectTasks: (id: string) => [...workfrontKeys.project(id), 'tasks'] as const,
};
