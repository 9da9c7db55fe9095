import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { workfrontKeys } from './query-keys';
import { parseStatusMetadata, type StatusChoice } from './status-metadata';
import { objCodeOf, type WorkItemKind } from './work-item-model';
import type { WorkfrontClient } from './workfront-client';

/**
 * Workfront's system statuses of each kind. Issues do not share the task statuses: a finished
 * issue is CLS (Closed), and Workfront refuses CPL for one.
 */
export const systemStatuses: Readonly<Record<WorkItemKind, readonly string[]>> = {
  task: ['NEW', 'INP', 'CPL'],
  issue: ['NEW', 'INP', 'AWF', 'ONH', 'ROP', 'CND', 'WTR', 'RLV', 'VCP', 'CLS'],
};

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

/**
 * The choices for an item's status: Workfront's own list when it could be read, else the system
 * statuses of the kind. The current status is always among them, so the form can show it.
 */
export function statusChoices(
  kind: WorkItemKind,
  fromWorkfront: readonly StatusChoice[] | undefined,
  current: string,
): StatusChoice[] {
  const choices = fromWorkfront?.length
    ? [...fromWorkfront]
    : systemStatuses[kind].map((code) => ({ code, label: null }));
  return choices.some((choice) => choice.code === current)
    ? choices
    : [...choices, { code: current, label: null }];
}

/** The status choices of a kind, and Workfront's label for any of its codes. */
export function useWorkItemStatuses(client: WorkfrontClient, kind: WorkItemKind) {
  const { data } = useQuery(workItemStatusesQuery(client, kind));
  return {
    choicesFor: (current: string) => statusChoices(kind, data, current),
    workfrontLabel: (code: string) => data?.find((choice) => choice.code === code)?.label ?? null,
  };
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
