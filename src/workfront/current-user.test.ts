import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { currentUserQuery } from './current-user';
import { workfrontKeys } from './query-keys';
import { apiBase, setupQueryTest, wfId } from './test/test-support';
import { WorkfrontApiError } from './workfront-errors';

const { server, client, queryClient } = setupQueryTest();

const userId = wfId(0xc, 1);

function serveUsers(data: unknown) {
  const urls: URL[] = [];
  server.use(
    http.get(`${apiBase}/user/search`, ({ request }) => {
      urls.push(new URL(request.url));
      return HttpResponse.json({ data });
    }),
  );
  return urls;
}

async function malformedMessage(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WorkfrontApiError);
  expect((error as WorkfrontApiError).kind).toBe('malformed');
  return (error as WorkfrontApiError).message;
}

describe('currentUserQuery', () => {
  it('finds me in one request with $$USER.ID, asking for e-mail and title', async () => {
    const urls = serveUsers([
      { ID: userId, objCode: 'USER', name: 'Zoë Ünal', emailAddr: 'zoe@acme.test', title: 'PM' },
    ]);

    const user = await queryClient.query(currentUserQuery(client));

    expect(urls).toHaveLength(1);
    expect(urls[0]?.searchParams.get('ID')).toBe('$$USER.ID');
    expect(urls[0]?.searchParams.get('fields')).toBe('emailAddr,title');
    expect(user).toEqual({ id: userId, name: 'Zoë Ünal', email: 'zoe@acme.test', title: 'PM' });
    expect(currentUserQuery(client).queryKey).toEqual(workfrontKeys.me());
  });

  it('reads a missing or null e-mail and title as null', async () => {
    serveUsers([{ ID: userId, name: 'No Details', emailAddr: null }]);

    const user = await queryClient.query(currentUserQuery(client));

    expect(user).toEqual({ id: userId, name: 'No Details', email: null, title: null });
  });

  it('refuses an empty search result instead of showing no one', async () => {
    serveUsers([]);
    const message = await malformedMessage(queryClient.query(currentUserQuery(client)));
    expect(message).toMatch(/^Workfront sent a user record that this app cannot read \(/);
  });

  it.each([
    ['a null name', [{ ID: userId, name: null }], '0.name'],
    ['a numeric e-mail', [{ ID: userId, name: 'A', emailAddr: 7 }], '0.emailAddr'],
    ['no ID', [{ name: 'A' }], '0.ID'],
  ])('refuses a user with %s, naming the field', async (_name, data, field) => {
    serveUsers(data);
    const message = await malformedMessage(queryClient.query(currentUserQuery(client)));
    expect(message).toContain(`(${field}: `);
  });

  it('refuses a single user object where a search result list belongs', async () => {
    serveUsers({ ID: userId, name: 'A' });
    const message = await malformedMessage(queryClient.query(currentUserQuery(client)));
    expect(message).toMatch(/^Workfront sent a user record that this app cannot read/);
  });
});
