import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, type AuthClient, type AuthState } from '../auth';
import { parseAppConfig } from '../config/app-config';
import { AppConfigContext } from '../config/config-context';
import { I18nProvider } from '../i18n/i18n-context';
import type { InstanceProfile } from '../workfront/instance-profile';
import { InstanceCheckPanel } from './instance-check-panel';

const evidence = {};
const profile: InstanceProfile = {
  profileVersion: 1,
  behaviours: {
    stateEchoed: { value: false, evidence: { keys: ['code'] } },
    tokenType: { value: 'Bearer', evidence },
    expiresIn: { value: 0, evidence },
    refreshTokenIssued: { value: true, evidence },
    refreshTokenRotates: { value: null, evidence },
    tokenCors: { value: true, evidence },
    apiCors: { value: false, evidence },
    bearerAccepted: { value: false, evidence },
    authError: { status: 200, errorClass: 'com.attask.common.AuthenticationException', evidence },
    tokenErrorStyle: { value: 'workfront', evidence },
    myWorkObjCode: { value: 'WORK', evidence },
    myWorkPaging: { value: 'ignored', evidence },
    apiVersions: { answered: ['v19.0', 'v21.0'], refused: ['v16.0', 'v20.0'], evidence },
    issueStatuses: { value: ['NEW', 'INP:A', 'CLS'], evidence },
  },
  notRun: [{ probe: 'refreshTokenRotates', reason: 'refresh-failed' }],
};

let finishCheck: () => void = () => undefined;
vi.mock('../workfront/instance-check', () => ({
  runInstanceCheck: (_config: unknown, _auth: unknown, onStep: (step: string) => void) => {
    onStep('myWork');
    return new Promise((resolve) => {
      finishCheck = () => {
        resolve(profile);
      };
    });
  },
}));

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});

function renderPanel(state: AuthState) {
  const auth = {
    getState: () => state,
    subscribe: () => () => undefined,
  } as Partial<AuthClient> as AuthClient;
  render(
    <I18nProvider>
      <AppConfigContext value={config}>
        <AuthProvider client={auth}>
          <InstanceCheckPanel />
        </AuthProvider>
      </AppConfigContext>
    </I18nProvider>,
  );
}

const checkButton = () =>
  screen.getByRole<HTMLButtonElement>('button', { name: 'Check this Workfront' });

const files: Blob[] = [];

beforeEach(() => {
  files.length = 0;
  Object.assign(URL, {
    createObjectURL: vi.fn((file: Blob) => `blob:profile-${String(files.push(file))}`),
    revokeObjectURL: vi.fn(),
  });
});

afterEach(() => {
  cleanup();
});

describe('Check this Workfront', () => {
  it('waits for a sign-in', () => {
    renderPanel({ status: 'signed-out', reason: 'none' });
    expect(checkButton().disabled).toBe(true);
    expect(screen.getByText('Sign in to check this Workfront.')).toBeTruthy();
  });

  it('shows its progress, then each answer beside what the app does, and the profile', async () => {
    renderPanel({ status: 'signed-in', expiresAt: Date.now() + 3_600_000 });
    await userEvent.click(checkButton());
    expect(screen.getByRole('status').textContent).toBe(
      'Checking this Workfront: paging through My work…',
    );
    expect(checkButton().disabled).toBe(true);
    finishCheck();

    const table = await screen.findByRole('table', { name: 'What this Workfront does' });
    const row = (label: string) =>
      within(table)
        .getByRole('rowheader', { name: label })
        .closest('tr')
        ?.textContent.replace(label, '');
    // config.json still expects state, which this Workfront does not send back.
    expect(row('state echoed')).toBe(
      'needs actionstate not echoedthe app accepts the one pending sign-in of this tab',
    );
    expect(row('API CORS')).toContain('proxy mode is right for this instance');
    expect(row('API CORS')).toMatch(/^fine/);
    expect(row('API versions')).toMatch(/^needs action.*set apiVersion to v21\.0/);
    expect(row('refresh token issued')).toMatch(/^fine/);
    expect(row('refresh token rotates')).toMatch(/^fine/);
    expect(screen.queryByRole('status')).toBeNull();

    expect(screen.getByRole('list', { name: 'Could not run' }).textContent).toBe(
      'refresh token rotates: the refresh failed (see the timeline)',
    );
    const link = screen.getByRole('link', { name: 'Download profile' });
    expect(link.getAttribute('download')).toBe('workfront-instance-profile.json');
    expect(link.getAttribute('href')).toBe('blob:profile-1');
    expect(JSON.parse(await (files[0] ?? new Blob()).text())).toEqual(profile);
    expect(JSON.parse(screen.getByTestId('recommended-config').textContent)).toEqual({
      workfrontUrl: 'https://acme.my.workfront.com',
      clientId: 'spa',
      redirectPath: '/callback',
      scope: 'offline_access',
      apiVersion: 'v21.0',
      apiMode: 'proxy',
      // This Workfront sent no state back (the profile's stateEchoed).
      stateEcho: false,
    });
    expect(
      screen.getByText('The configured API version was refused: use the recommended one.', {
        exact: false,
      }),
    ).toBeTruthy();
  });
});
