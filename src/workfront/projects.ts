import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import * as v from 'valibot';
import { allPages, pageSize } from './paging';
import { workfrontKeys } from './query-keys';
import { parseStatusMetadata, type StatusChoice } from './status-metadata';
import { optionalWireDate, parseWire, wireId, wireReference } from './wire-schemas';
import type { WorkItem } from './work-item-model';
import { toWorkItem, workItemListFields, workItemWire } from './work-items';
import type { WorkfrontClient } from './workfront-client';

export interface Project {
  id: string;
  name: string;
  /** CUR, PLN, CPL, DED, ONH, others (REQ, APR…) or a custom one (CUR:A). */
  status: string;
  percentComplete: number;
  plannedCompletionDate: Date | null;
  owner: { id: string; name: string } | null;
}

const projectWire = v.object({
  ID: wireId,
  name: v.string(),
  status: v.string(),
  percentComplete: v.nullish(v.number(), 0),
  plannedCompletionDate: optionalWireDate,
  owner: wireReference,
});

const projectFields = 'status,percentComplete,plannedCompletionDate,owner:name';
/** IDs per `ID_Mod=in` request, well under Workfront's 8892-byte URL limit. */
const idsPerRequest = 150;

function toProject(wire: v.InferOutput<typeof projectWire>): Project {
  return {
    id: wire.ID,
    name: wire.name,
    status: wire.status,
    percentComplete: wire.percentComplete,
    plannedCompletionDate: wire.plannedCompletionDate,
    owner: wire.owner && { id: wire.owner.ID, name: wire.owner.name },
  };
}

async function searchProjects(
  client: WorkfrontClient,
  filters: Record<string, string | readonly string[]>,
  signal: AbortSignal,
): Promise<Project[]> {
  const data = await client.get(
    'proj/search',
    { ...filters, fields: projectFields, name_Sort: 'asc', $$LIMIT: pageSize },
    signal,
  );
  return parseWire(v.array(projectWire), data, 'a project list').map(toProject);
}

const workProjectWire = v.array(
  // Workfront sends ID whatever `fields` asks: the pager tells pages apart by it.
  v.object({ ID: wireId, projectID: v.nullish(v.string()) }),
);

/** The projectID of every work item assigned to me, through all of myWork's pages. */
function myWorkProjectIds(
  client: WorkfrontClient,
  signal: AbortSignal,
): Promise<{ projectID?: string | null }[]> {
  return allPages(async (page) => {
    const data = await client.get('work/myWork', { fields: 'projectID', ...page }, signal);
    return parseWire(workProjectWire, data, 'a work list').map((item) => ({
      id: item.ID,
      projectID: item.projectID,
    }));
  });
}

/** Projects I own, and projects in which work is assigned to me. */
export function myProjectsQuery(client: WorkfrontClient) {
  return queryOptions({
    queryKey: workfrontKeys.projects(),
    queryFn: async ({ signal }): Promise<Project[]> => {
      const [owned, workProjectIds] = await Promise.all([
        searchProjects(client, { ownerID: '$$USER.ID' }, signal),
        myWorkProjectIds(client, signal),
      ]);
      const ownedIds = new Set(owned.map((project) => project.id));
      const otherIds = [
        ...new Set(workProjectIds.flatMap((item) => (item.projectID ? [item.projectID] : []))),
      ].filter((id) => !ownedIds.has(id));
      const batches = [];
      for (let start = 0; start < otherIds.length; start += idsPerRequest) {
        const ids = otherIds.slice(start, start + idsPerRequest);
        batches.push(searchProjects(client, { ID: ids.join(','), ID_Mod: 'in' }, signal));
      }
      const others = (await Promise.all(batches)).flat();
      return [...owned, ...others].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export function projectQuery(client: WorkfrontClient, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.project(id),
    queryFn: async ({ signal }): Promise<Project> => {
      const data = await client.get(
        `proj/${encodeURIComponent(id)}`,
        { fields: projectFields },
        signal,
      );
      return toProject(parseWire(projectWire, data, 'a project'));
    },
  });
}

export function projectTasksQuery(client: WorkfrontClient, id: string) {
  return queryOptions({
    queryKey: workfrontKeys.projectTasks(id),
    queryFn: async ({ signal }): Promise<WorkItem[]> => {
      const data = await client.get(
        'task/search',
        {
          projectID: id,
          fields: workItemListFields,
          plannedCompletionDate_Sort: 'asc',
          $$LIMIT: pageSize,
        },
        signal,
      );
      return parseWire(v.array(workItemWire), data, 'a task list').map((wire) => toWorkItem(wire));
    },
  });
}

/**
 * The project statuses Workfront lists in `PROJ/metadata`, custom ones included, read once per
 * session as the work item statuses are; not under the projects' key, which each save refreshes.
 */
export function projectStatusesQuery(client: WorkfrontClient) {
  return queryOptions({
    queryKey: [...workfrontKeys.all, 'statuses', 'project'] as const,
    queryFn: async ({ signal }): Promise<StatusChoice[]> => {
      const data = await client.get('PROJ/metadata', {}, signal);
      return parseStatusMetadata(data, 'the project metadata');
    },
    staleTime: Infinity,
    // The app's own words for the common statuses stand in when metadata cannot be read.
    retry: false,
  });
}

/** Workfront's label for a project status; null while the metadata loads or when it has none. */
export function useProjectStatusLabel(client: WorkfrontClient): (code: string) => string | null {
  const { data } = useQuery(projectStatusesQuery(client));
  return useCallback(
    (code: string) => data?.find((choice) => choice.code === code)?.label ?? null,
    [data],
  );
}
