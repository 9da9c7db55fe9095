import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { WorkfrontClient } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';

const userSchema = v.object({
  ID: v.string(),
  name: v.string(),
  emailAddr: v.nullish(v.string()),
  title: v.nullish(v.string()),
});

export type WorkfrontUser = v.InferOutput<typeof userSchema>;

export const userKeys = {
  all: ['workfront', 'user'] as const,
  me: () => [...userKeys.all, 'me'] as const,
};

/** The signed-in user. `$$USER.ID` lets Workfront resolve "me" in the same request. */
export function currentUserQuery(client: WorkfrontClient) {
  return queryOptions({
    queryKey: userKeys.me(),
    queryFn: async ({ signal }) => {
      const data = await client.get(
        'user/search',
        { ID: '$$USER.ID', fields: 'emailAddr,title' },
        signal,
      );
      const parsed = v.safeParse(v.tuple([userSchema]), data);
      if (!parsed.success) {
        throw new WorkfrontApiError('malformed', 'Workfront sent an unexpected user record.');
      }
      return parsed.output[0];
    },
    staleTime: 5 * 60_000,
  });
}
