import { MutationObserver } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { workfrontKeys } from './query-keys';
import {
  apiBase,
  malformedError,
  setupQueryTest,
  wfId,
  wireTask,
  workfrontError,
} from './test/test-support';
import {
  oneTapStatuses,
  postNoteMutation,
  statusChoices,
  systemStatuses,
  updateWorkItem,
  updateWorkItemMutation,
  workItemNotesQuery,
  workItemQuery,
} from './work-item-detail';
import { WorkfrontApiError } from './workfront-errors';

const { server, client, queryClient } = setupQueryTest();

const taskId = wfId(0xa, 1);

const wireDetail = (overrides: Record<string, unknown> = {}) =>
  wireTask(1, {
    description: '<script>alert(1)</script>',
    plannedStartDate: '2026-03-01T09:00:00:000+0000',
    projectedCompletionDate: null,
    lastUpdateDate: '2026-03-20T12:30:00:000-0500',
    assignedTo: { ID: wfId(0xc, 1), name: 'Zoë Ünal' },
    ...overrides,
  });

describe('workItemQuery', () => {
  it.each([
    ['task', 'TASK'],
    ['issue', 'OPTASK'],
  ] as const)(
    'asks for a %s by its object code and ID with the detail fields',
    async (kind, obj) => {
      let url: URL | undefined;
      server.use(
        http.get(`${apiBase}/${obj}/${taskId}`, ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({ data: wireDetail({ objCode: obj }) });
        }),
      );

      const detail = await queryClient.query(workItemQuery(client, kind, taskId));

      expect(url?.searchParams.get('fields')?.split(',')).toEqual([
        'status',
        'percentComplete',
        'priority',
        'plannedCompletionDate',
        'project:name',
        'description',
        'plannedStartDate',
        'projectedCompletionDate',
        'lastUpdateDate',
        'assignedTo:name',
      ]);
      expect(detail).toMatchObject({
        id: taskId,
        kind,
        description: '<script>alert(1)</script>',
        plannedStartDate: new Date('2026-03-01T09:00:00.000Z'),
        projectedCompletionDate: null,
        lastUpdateDate: new Date('2026-03-20T17:30:00.000Z'),
        assignedTo: { id: wfId(0xc, 1), name: 'Zoë Ünal' },
      });
      expect(workItemQuery(client, kind, taskId).queryKey).toEqual(
        workfrontKeys.workItem(kind, taskId),
      );
    },
  );

  it('keeps an ID from the address inside its path segment', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${apiBase}/*`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({ data: wireDetail() });
      }),
    );

    await queryClient.query(workItemQuery(client, 'task', 'x?method=DELETE&a=/b'));

    expect(requests[0]?.pathname).toBe('/attask/api/v20.0/TASK/x%3Fmethod%3DDELETE%26a%3D%2Fb');
    expect(requests[0]?.searchParams.has('method')).toBe(false);
  });

  it('names the kind and the field when the detail is malformed', async () => {
    server.use(
      http.get(`${apiBase}/OPTASK/${taskId}`, () =>
        HttpResponse.json({ data: wireDetail({ objCode: 'OPTASK', lastUpdateDate: 17 }) }),
      ),
    );

    const error = await malformedError(queryClient.query(workItemQuery(client, 'issue', taskId)));

    expect(error.message).toMatch(
      /^Workfront sent an? issue that this app cannot read \(lastUpdateDate: /,
    );
  });
});

describe('workItemNotesQuery', () => {
  it.each([
    ['task', 'taskID', 'opTaskID'],
    ['issue', 'opTaskID', 'taskID'],
  ] as const)('searches the notes of a %s by %s, newest first', async (kind, filter, other) => {
    let url: URL | undefined;
    server.use(
      http.get(`${apiBase}/note/search`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          data: [
            {
              ID: 'n2',
              noteText: 'Done & <i>dusted</i>',
              entryDate: '2026-03-24T17:00:00:000+0400',
              owner: { ID: 'u1', name: 'Zoë' },
            },
            { ID: 'n1', noteText: '', entryDate: '2026-03-01T08:00:00+0000', owner: null },
          ],
        });
      }),
    );

    const notes = await queryClient.query(workItemNotesQuery(client, kind, taskId));

    expect(url?.searchParams.get(filter)).toBe(taskId);
    expect(url?.searchParams.has(other)).toBe(false);
    expect(url?.searchParams.get('fields')).toBe('noteText,entryDate,owner:name');
    expect(url?.searchParams.get('entryDate_Sort')).toBe('desc');
    expect(notes).toEqual([
      {
        id: 'n2',
        text: 'Done & <i>dusted</i>',
        date: new Date('2026-03-24T13:00:00.000Z'),
        author: 'Zoë',
      },
      { id: 'n1', text: '', date: new Date('2026-03-01T08:00:00.000Z'), author: null },
    ]);
  });

  it('refuses a note without an entry date, naming the field', async () => {
    server.use(
      http.get(`${apiBase}/note/search`, () =>
        HttpResponse.json({ data: [{ ID: 'n1', noteText: 'x', entryDate: null, owner: null }] }),
      ),
    );

    const error = await malformedError(
      queryClient.query(workItemNotesQuery(client, 'task', taskId)),
    );

    expect(error.message).toMatch(
      /^Workfront sent updates that this app cannot read \(0\.entryDate: /,
    );
  });
});

describe('updateWorkItem', () => {
  it('PUTs the changes as JSON in updates and reads back the updated item', async () => {
    let seen: { method: string; url: URL } | undefined;
    server.use(
      http.put(`${apiBase}/OPTASK/${taskId}`, ({ request }) => {
        seen = { method: request.method, url: new URL(request.url) };
        return HttpResponse.json({
          data: wireDetail({ objCode: 'OPTASK', status: 'CPL', percentComplete: 100 }),
        });
      }),
    );

    const updated = await updateWorkItem(client, 'issue', taskId, {
      status: 'CPL',
      percentComplete: 100,
    });

    expect(seen?.method).toBe('PUT');
    expect(JSON.parse(seen?.url.searchParams.get('updates') ?? '')).toEqual({
      status: 'CPL',
      percentComplete: 100,
    });
    expect(seen?.url.searchParams.get('fields')).toContain('assignedTo:name');
    expect(updated).toMatchObject({
      id: taskId,
      kind: 'issue',
      status: 'CPL',
      percentComplete: 100,
    });
  });

  it('keeps an ID from the address inside its path segment when writing', async () => {
    let url: URL | undefined;
    server.use(
      http.put(`${apiBase}/*`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ data: wireDetail() });
      }),
    );

    await updateWorkItem(client, 'task', 'x?method=DELETE', { status: 'CPL' });

    expect(url?.pathname).toBe('/attask/api/v20.0/TASK/x%3Fmethod%3DDELETE');
    expect(url?.searchParams.has('method')).toBe(false);
    expect(url?.searchParams.get('updates')).toBe('{"status":"CPL"}');
  });

  it('sends only the fields that changed', async () => {
    let updates: string | null = null;
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, ({ request }) => {
        updates = new URL(request.url).searchParams.get('updates');
        return HttpResponse.json({ data: wireDetail({ percentComplete: 55 }) });
      }),
    );

    await updateWorkItem(client, 'task', taskId, { percentComplete: 55 });

    expect(updates).toBe('{"percentComplete":55}');
  });

  it("passes on Workfront's refusal with its class and message", async () => {
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, () =>
        HttpResponse.json(
          workfrontError('com.attask.common.ValidationException', 'Status INP:X does not exist'),
        ),
      ),
    );

    const error: unknown = await updateWorkItem(client, 'task', taskId, { status: 'INP:X' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(WorkfrontApiError);
    expect(error).toMatchObject({
      kind: 'workfront',
      message: 'Status INP:X does not exist',
      details: { errorClass: 'com.attask.common.ValidationException' },
    });
  });

  it('refuses a malformed answer to an update, naming it', async () => {
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, () =>
        HttpResponse.json({ data: wireDetail({ percentComplete: null }) }),
      ),
    );

    const error = await malformedError(updateWorkItem(client, 'task', taskId, { status: 'CPL' }));

    expect(error.message).toMatch(
      /^Workfront sent the updated task that this app cannot read \(percentComplete: /,
    );
  });
});

describe('updateWorkItemMutation', () => {
  const itemKey = workfrontKeys.workItem('task', taskId);
  let gets = 0;

  /** The task cached as its screen shows it, and the lists that show it. */
  async function cacheTask() {
    gets = 0;
    server.use(
      http.get(`${apiBase}/TASK/${taskId}`, () => {
        gets += 1;
        return HttpResponse.json({ data: wireDetail({ status: 'NEW', percentComplete: 0 }) });
      }),
    );
    await queryClient.query(workItemQuery(client, 'task', taskId));
    queryClient.setQueryData(workfrontKeys.myWork(), { pages: [], pageParams: [] });
    queryClient.setQueryData(workfrontKeys.projects(), []);
  }

  /** Records each PUT; `answer` says how the n-th (from 0) is answered. */
  function servePuts(answer: (n: number) => Response | Promise<Response>) {
    const puts: unknown[] = [];
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, ({ request }) => {
        puts.push(JSON.parse(new URL(request.url).searchParams.get('updates') ?? ''));
        return answer(puts.length - 1);
      }),
    );
    return puts;
  }

  // The backoff between attempts is TanStack Query's default; the tests skip its waits.
  const save = (changes: { status?: string; percentComplete?: number }) =>
    new MutationObserver(queryClient, {
      ...updateWorkItemMutation(client, 'task', taskId),
      retryDelay: 0,
    }).mutate(changes);

  const unavailable = () => new HttpResponse('<h1>503</h1>', { status: 503 });
  const cachedStatus = () =>
    queryClient.getQueryData<{ status: string; percentComplete: number }>(itemKey);

  it('shows the changes in the cached item at once, then what Workfront saved', async () => {
    await cacheTask();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    servePuts(async () => {
      await answered;
      return HttpResponse.json({ data: wireDetail({ status: 'CPL', percentComplete: 100 }) });
    });

    const saving = save({ status: 'CPL' });
    await vi.waitFor(() => {
      expect(cachedStatus()).toMatchObject({ status: 'CPL', percentComplete: 0 });
    });
    answer();
    await saving;

    expect(cachedStatus()).toMatchObject({ status: 'CPL', percentComplete: 100 });
    expect(queryClient.getQueryState(workfrontKeys.myWork())?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(workfrontKeys.projects())?.isInvalidated).toBe(true);
  });

  it('retries a failure that may pass next time, as often as a query, then rolls back', async () => {
    await cacheTask();
    const puts = servePuts(unavailable);

    await expect(save({ status: 'INP', percentComplete: 30 })).rejects.toMatchObject({
      kind: 'http',
      details: { status: 503 },
    });

    expect(puts).toHaveLength(4);
    expect(new Set(puts.map((put) => JSON.stringify(put)))).toEqual(
      new Set(['{"status":"INP","percentComplete":30}']),
    );
    expect(cachedStatus()).toMatchObject({ status: 'NEW', percentComplete: 0 });
    // Workfront may have saved it all the same: the lists are read again.
    expect(queryClient.getQueryState(workfrontKeys.myWork())?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(workfrontKeys.projects())?.isInvalidated).toBe(true);
  });

  it('saves at the next attempt after a failure that passed', async () => {
    await cacheTask();
    const puts = servePuts((n) =>
      n === 0
        ? unavailable()
        : HttpResponse.json({ data: wireDetail({ status: 'INP', percentComplete: 30 }) }),
    );

    await save({ status: 'INP', percentComplete: 30 });

    expect(puts).toHaveLength(2);
    expect(cachedStatus()).toMatchObject({ status: 'INP', percentComplete: 30 });
  });

  it('does not retry a refusal, which would come back the same', async () => {
    await cacheTask();
    const puts = servePuts(() =>
      HttpResponse.json(workfrontError('com.attask.common.ValidationException', 'No such status'), {
        status: 422,
      }),
    );

    await expect(save({ status: 'INP:X' })).rejects.toMatchObject({ kind: 'workfront' });

    expect(puts).toHaveLength(1);
    expect(cachedStatus()).toMatchObject({ status: 'NEW' });
  });

  it.each([
    ['an answer', () => HttpResponse.json({ data: wireDetail({ status: 'CPL' }) })],
    [
      'a failure',
      () =>
        HttpResponse.json(workfrontError('com.attask.common.ValidationException', 'No'), {
          status: 422,
        }),
    ],
  ])('does not fill a cache emptied meanwhile (a sign-out) with %s', async (_what, reply) => {
    await cacheTask();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    servePuts(async () => {
      await answered;
      return reply();
    });

    const saving = save({ status: 'CPL' }).catch(() => undefined);
    await vi.waitFor(() => {
      expect(cachedStatus()).toMatchObject({ status: 'CPL' });
    });
    queryClient.clear();
    answer();
    await saving;

    expect(queryClient.getQueryData(itemKey)).toBeUndefined();
    expect(gets).toBe(1);
  });
});

describe('postNoteMutation', () => {
  const notesKey = workfrontKeys.notes('issue', taskId);
  const wireNote = (text: string) => ({
    ID: wfId(0xd, 9),
    objCode: 'NOTE',
    noteText: text,
    entryDate: '2026-03-24T11:00:00:000-0700',
    owner: { ID: wfId(0xc, 1), name: 'Zoë Ünal' },
  });
  const post = (text: string) =>
    new MutationObserver(queryClient, postNoteMutation(client, 'issue', taskId)).mutate(text);
  const cachedNotes = () => queryClient.getQueryData<{ text: string; sending?: true }[]>(notesKey);

  /** Records each POST's form; `answer` says how it is answered. */
  function servePosts(answer: () => Response | Promise<Response>) {
    const forms: Record<string, string>[] = [];
    server.use(
      http.post(`${apiBase}/note`, async ({ request }) => {
        forms.push(Object.fromEntries(new URLSearchParams(await request.text())));
        return answer();
      }),
      http.get(`${apiBase}/note/search`, () => HttpResponse.json({ data: [] })),
    );
    return forms;
  }

  it('POSTs a NOTE on the issue, named both ways, and shows it at once, then as saved', async () => {
    queryClient.setQueryData(notesKey, []);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const forms = servePosts(async () => {
      await answered;
      return HttpResponse.json({ data: wireNote('Sent to legal') });
    });

    const posting = post('Sent to legal');
    await vi.waitFor(() => {
      expect(cachedNotes()).toMatchObject([{ text: 'Sent to legal', sending: true }]);
    });
    answer();
    await posting;

    expect(forms).toEqual([
      {
        noteText: 'Sent to legal',
        noteObjCode: 'OPTASK',
        objID: taskId,
        opTaskID: taskId,
        fields: 'noteText,entryDate,owner:name',
      },
    ]);
    expect(cachedNotes()?.[0]).toEqual({
      id: wfId(0xd, 9),
      text: 'Sent to legal',
      date: new Date('2026-03-24T18:00:00Z'),
      author: 'Zoë Ünal',
    });
  });

  it('takes the note out again when Workfront refuses it, and never posts twice', async () => {
    queryClient.setQueryData(notesKey, [{ id: 'old', text: 'Earlier' }]);
    const forms = servePosts(() =>
      HttpResponse.json(workfrontError('InvalidParameterException', 'noteText is required'), {
        status: 422,
      }),
    );
    await expect(post('  ')).rejects.toBeInstanceOf(WorkfrontApiError);
    expect(forms).toHaveLength(1);
    expect(cachedNotes()).toEqual([{ id: 'old', text: 'Earlier' }]);
  });

  it('tells onPosted the text once Workfront has the note, and only then', async () => {
    queryClient.setQueryData(notesKey, []);
    const posted: string[] = [];
    const postWith = (text: string) =>
      new MutationObserver(
        queryClient,
        postNoteMutation(client, 'issue', taskId, (text) => posted.push(text)),
      ).mutate(text);
    let refuse = true;
    servePosts(() =>
      refuse
        ? HttpResponse.json(workfrontError('InvalidParameterException', 'No'), { status: 422 })
        : HttpResponse.json({ data: wireNote('Sent to legal') }),
    );
    await expect(postWith('Refused')).rejects.toBeInstanceOf(WorkfrontApiError);
    refuse = false;
    await postWith('Sent to legal');
    expect(posted).toEqual(['Sent to legal']);
  });

  it('is not retried after a failure whose outcome is unknown', async () => {
    queryClient.setQueryData(notesKey, []);
    const forms = servePosts(() => new HttpResponse('<h1>503</h1>', { status: 503 }));
    await expect(post('Once')).rejects.toBeInstanceOf(WorkfrontApiError);
    expect(forms).toHaveLength(1);
    expect(cachedNotes()).toEqual([]);
  });
});

describe('systemStatuses', () => {
  it('gives issues their own statuses, and no CPL', () => {
    expect(systemStatuses.issue).toContain('CLS');
    expect(systemStatuses.issue).not.toContain('CPL');
    expect(systemStatuses.task).toEqual(['NEW', 'INP', 'CPL']);
  });
});

describe('statusChoices', () => {
  const fromWorkfront = [
    { code: 'NEW', label: 'New' },
    { code: 'INP:R', label: 'In Review' },
    { code: 'CLS', label: 'Closed' },
  ];

  it("offers Workfront's own list, custom statuses with their labels", () => {
    expect(statusChoices('issue', fromWorkfront, 'NEW')).toEqual(fromWorkfront);
  });

  it('falls back to the system statuses of the kind', () => {
    expect(statusChoices('issue', undefined, 'NEW').map((choice) => choice.code)).toEqual(
      systemStatuses.issue,
    );
    expect(statusChoices('task', [], 'NEW').map((choice) => choice.code)).toEqual(
      systemStatuses.task,
    );
  });

  it('always includes the current status', () => {
    expect(statusChoices('task', undefined, 'INP:A').at(-1)).toEqual({
      code: 'INP:A',
      label: null,
    });
    expect(statusChoices('issue', fromWorkfront, 'ONH').map((choice) => choice.code)).toEqual([
      'NEW',
      'INP:R',
      'CLS',
      'ONH',
    ]);
  });
});

describe('oneTapStatuses', () => {
  const listed = (...codes: string[]) => codes.map((code) => ({ code, label: `Label ${code}` }));
  const taskStatuses = listed('NEW', 'INP', 'CPL', 'INP:A');
  const issueStatuses = listed('NEW', 'INP', 'ROP', 'AWF', 'ONH', 'CLS', 'RLV', 'INP:R');
  const codes = ({ start, done }: ReturnType<typeof oneTapStatuses>) => [
    start?.code ?? null,
    done?.code ?? null,
  ];

  it('starts a new task in progress and finishes it Complete', () => {
    expect(oneTapStatuses('task', taskStatuses, 'NEW')).toEqual({
      start: { code: 'INP', label: 'Label INP' },
      done: { code: 'CPL', label: 'Label CPL' },
    });
  });

  it('finishes an issue Closed, never Complete, which issues do not have', () => {
    expect(codes(oneTapStatuses('issue', issueStatuses, 'NEW'))).toEqual(['INP', 'CLS']);
  });

  it('offers no Start once the item is in progress, a custom in-progress status included', () => {
    expect(codes(oneTapStatuses('task', taskStatuses, 'INP'))).toEqual([null, 'CPL']);
    expect(codes(oneTapStatuses('task', taskStatuses, 'INP:A'))).toEqual([null, 'CPL']);
    expect(codes(oneTapStatuses('issue', issueStatuses, 'INP:R'))).toEqual([null, 'CLS']);
  });

  it('offers neither once the item is done: a task Complete, an issue at any closed status', () => {
    expect(codes(oneTapStatuses('task', taskStatuses, 'CPL'))).toEqual([null, null]);
    for (const closed of ['CLS', 'CND', 'RLV', 'VCP', 'WTR', 'RLV:X']) {
      expect(codes(oneTapStatuses('issue', issueStatuses, closed))).toEqual([null, null]);
    }
  });

  it('offers Start again for an issue on hold or reopened', () => {
    expect(codes(oneTapStatuses('issue', issueStatuses, 'ONH'))).toEqual(['INP', 'CLS']);
    expect(codes(oneTapStatuses('issue', issueStatuses, 'ROP'))).toEqual(['INP', 'CLS']);
  });

  it('takes a custom status where the instance lists no system one, and none where it lists neither', () => {
    expect(codes(oneTapStatuses('task', listed('NEW', 'INP:A', 'CPL'), 'NEW'))).toEqual([
      'INP:A',
      'CPL',
    ]);
    expect(codes(oneTapStatuses('issue', listed('NEW', 'INP'), 'NEW'))).toEqual(['INP', null]);
  });
});
