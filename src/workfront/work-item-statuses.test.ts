import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiBase, createFakeSession, setupWorkfrontServer } from './test/test-support';
import { systemStatusOf, workItemStatusesQuery } from './work-item-statuses';
import { createWorkfrontClient } from './workfront-client';

const server = setupWorkfrontServer();
const client = createWorkfrontClient(apiBase, createFakeSession());

describe('systemStatusOf', () => {
  it.each([
    ['INP', 'INP'],
    ['INP:A', 'INP'],
    ['CLS:X', 'CLS'],
    ['APR', 'APR'],
  ])('reads %s as %s', (code, system) => {
    expect(systemStatusOf(code)).toBe(system);
  });
});

describe('workItemStatusesQuery', () => {
  it("reads the status values of the kind's metadata", async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${apiBase}/:obj/metadata`, ({ params }) => {
        asked.push(String(params.obj));
        return HttpResponse.json({
          data: {
            objCode: 'OPTASK',
            fields: {
              name: { label: 'Name', fieldType: 'string' },
              status: {
                label: 'Status',
                fieldType: 'string',
                enumType: 'com.attask.common.constants.OpTaskStatusEnum',
                possibleValues: [
                  { value: 'NEW', label: 'New', color: '#fff' },
                  { value: 'INP:R', label: 'In Review' },
                  { value: 'CLS', label: null },
                ],
              },
            },
          },
        });
      }),
    );

    const choices = await new QueryClient().query(workItemStatusesQuery(client, 'issue'));

    expect(asked).toEqual(['OPTASK']);
    expect(choices).toEqual([
      { code: 'NEW', label: 'New' },
      { code: 'INP:R', label: 'In Review' },
      { code: 'CLS', label: null },
    ]);
  });

  it('fails clearly on metadata without status values, for the fallback to take over', async () => {
    server.use(
      http.get(`${apiBase}/TASK/metadata`, () =>
        HttpResponse.json({ data: { fields: { status: { label: 'Status' } } } }),
      ),
    );
    await expect(new QueryClient().query(workItemStatusesQuery(client, 'task'))).rejects.toThrow(
      /the task metadata that this app cannot read/,
    );
  });
});
