import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import { workfrontKeys } from './query-keys';
import { parseWire, wireId } from './wire-schemas';
import type { WorkfrontClient } from './workfront-client';

const userSchema = v.object({
  ID: wireId,
  name: v.string(),
  emailAddr: v.nullish(v.string(), null),
  title: v.nullish(v.string(), null),
});

export interface WorkfrontUser {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
}

/** The signed-in user. `$$USER.ID` lets Workfront resolve "me" in the same request. */
export function currentUserQuery(client: WorkfrontClient) {
  return queryOptions({
    queryKey: workfrontKeys.me(),
    queryFn: async ({ signal }): Promise<WorkfrontUser> => {
      const data = await client.get(
        'user/search',
        { ID: '$$USER.ID', fields: 'emailAddr,title' },
        signal,
      );
      const [user] = parseWire(v.tuple([userSchema]), data, 'a user record');
      return { id: user.ID, name: user.name, email: user.emailAddr, title: user.title };
    },
    staleTime: 5 * 60_000,
  });
}
