import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { workfrontKeys } from './query-keys';
import { parseStatusMetadata, type StatusChoice } from './status-metadata';
import { objCodeOf, type WorkItemKind } from './work-item-model';
import type { WorkfrontClient } from './workfront-client';

/**
 * A status code is a system status, or a custom one written `<system>:<key>` (INP:A is a custom
 * status that counts as In progress).
 */
export function systemStatusOf(code: string): string {
  const separator = code.indexOf(':');
  return separator === -1 ? code : code.slice(0, separator);
}

/**
 * The statuses Workfront accepts for a kind, custom ones included, from `<obj>/metadata`. They
 * change only when an administrator edits them, so they are read once per session.
 */
export function workItemStatusesQuery(client: WorkfrontClient, kind: WorkItemKind) {
  return queryOptions({
    queryKey: workfrontKeys.statuses(kind),
    queryFn: async ({ signal }): Promise<StatusChoice[]> => {
      const data = await client.get(`${objCodeOf[kind]}/metadata`, {}, signal);
      return parseStatusMetadata(data, `the ${kind} metadata`);
    },
    staleTime: Infinity,
    // The system statuses stand in when metadata cannot be read: no retry is worth a wait.
    retry: false,
  });
}

export type WorkfrontStatusLabel = (code: string, kind?: WorkItemKind) => string | null;

/**
 * Workfront's label for a status code of either kind, for lists that mix tasks and issues; null
 * while the metadata loads or when it has none.
 */
export function useWorkfrontStatusLabel(client: WorkfrontClient): WorkfrontStatusLabel {
  const { data: task } = useQuery(workItemStatusesQuery(client, 'task'));
  const { data: issue } = useQuery(workItemStatusesQuery(client, 'issue'));
  return useCallback(
    (code: string, kind?: WorkItemKind) => {
      const lists = kind === 'task' ? [task] : kind === 'issue' ? [issue] : [task, issue];
      for (const list of lists) {
        const label = list?.find((choice) => choice.code === code)?.label;
        if (label) return label;
      }
      return null;
    },
    [task, issue],
  );
}
