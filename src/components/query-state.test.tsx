import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emulatorConfig } from '../config/test/emulator-config';
import { AppConfigContext } from '../config/config-context';
import { I18nProvider } from '../i18n/i18n-context';
import { WorkfrontApiError } from '../workfront';
import { QueryState, type QueryView } from './query-state';

afterEach(() => {
  cleanup();
});

function renderIn(children: ReactNode) {
  render(
    <I18nProvider>
      <AppConfigContext value={emulatorConfig}>{children}</AppConfigContext>
    </I18nProvider>,
  );
  return { user: userEvent.setup() };
}

interface Task {
  id: string;
  name: string;
}

/** The tasks of a project, as a section of its screen lists them. */
function TaskList({ query, inSection }: { query: QueryView<Task[]>; inSection?: boolean }) {
  return (
    <QueryState
      query={query}
      loading={{ rows: 5, label: 'Loading tasks' }}
      what="Tasks"
      empty={{ message: 'This project has no tasks.', inSection }}
    >
      {(tasks) => (
        <ul>
          {tasks.map((task) => (
            <li key={task.id}>{task.name}</li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

const tasks: Task[] = [
  { id: '1', name: 'Write the launch plan' },
  { id: '2', name: 'Book the venue' },
];

describe('QueryState', () => {
  it('shows placeholder rows, busy and named, while the query loads', () => {
    renderIn(<TaskList query={{ status: 'pending' }} />);

    const skeleton = screen.getByRole('status', { name: 'Loading tasks' });
    expect(skeleton.getAttribute('aria-busy')).toBe('true');
    expect(skeleton.querySelectorAll('.skeleton-row[aria-hidden="true"]')).toHaveLength(5);
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says what failed and why, and Retry asks again', async () => {
    const refetch = vi.fn(() => Promise.resolve());
    const error = new WorkfrontApiError('network', 'Failed to fetch', {});
    const { user } = renderIn(<TaskList query={{ status: 'error', error, refetch }} />);

    const alert = screen.getByRole('alert');
    expect(alert.className).toBe('panel error-panel');
    expect(alert.textContent).toBe(
      'Tasks could not be loaded. Workfront could not be reached. Check your connection.Retry',
    );
    expect(screen.queryByRole('list')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('gives the children the data', () => {
    renderIn(<TaskList query={{ status: 'success', data: tasks }} />);

    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Write the launch plan',
      'Book the venue',
    ]);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so in a panel when the list is empty', () => {
    renderIn(<TaskList query={{ status: 'success', data: [] }} />);

    const message = screen.getByText('This project has no tasks.');
    expect(message.tagName).toBe('P');
    expect(message.parentElement?.className).toBe('panel empty-state');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says so in a muted line when the list is a section of its screen', () => {
    renderIn(<TaskList query={{ status: 'success', data: [] }} inSection />);

    const message = screen.getByText('This project has no tasks.');
    expect(message.outerHTML).toBe('<p class="muted">This project has no tasks.</p>');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('gives the children an empty list when no empty message is given', () => {
    renderIn(
      <QueryState query={{ status: 'success', data: [] }} loading={{ rows: 1, label: '' }} what="">
        {(items) => <p>{items.length} items</p>}
      </QueryState>,
    );

    expect(screen.getByText('0 items')).toBeTruthy();
  });

  it('follows a TanStack Query result from a failure to its data after Retry', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let workfrontDown = true;
    const queryFn = vi.fn(() =>
      workfrontDown
        ? Promise.reject(new WorkfrontApiError('http', 'Bad gateway', { status: 502 }))
        : Promise.resolve(tasks),
    );
    function ProjectTasks() {
      return <TaskList query={useQuery({ queryKey: ['tasks'], queryFn })} />;
    }
    const { user } = renderIn(
      <QueryClientProvider client={queryClient}>
        <ProjectTasks />
      </QueryClientProvider>,
    );

    expect(screen.getByRole('status', { name: 'Loading tasks' })).toBeTruthy();
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Tasks could not be loaded. Workfront could not answer (HTTP 502).Retry',
    );

    workfrontDown = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Book the venue')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(queryFn).toHaveBeenCalledTimes(2);
  });
});
