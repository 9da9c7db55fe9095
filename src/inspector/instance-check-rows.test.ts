import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../config/app-config';
import { interpolate } from '../i18n/catalog';
import { recommendedConfig, type InstanceProfile } from '../workfront/instance-profile';
import { instanceCheckResultsMessages } from './instance-check-results-messages';
import { behaviourRows } from './instance-check-rows';

const evidence = {};
/** An instance the app needs nothing changed for. */
const good: InstanceProfile = {
  profileVersion: 1,
  behaviours: {
    stateEchoed: { value: true, evidence: { keys: ['code', 'state'] } },
    tokenType: { value: 'sessionID', evidence },
    expiresIn: { value: 3600, evidence },
    refreshTokenIssued: { value: true, evidence },
    refreshTokenRotates: { value: true, evidence },
    tokenCors: { value: true, evidence },
    apiCors: { value: false, evidence },
    bearerAccepted: { value: false, evidence },
    authError: { status: 401, errorClass: 'com.attask.common.AuthenticationException', evidence },
    tokenErrorStyle: { value: 'rfc6749', evidence },
    myWorkObjCode: { value: 'TASK_OPTASK', evidence },
    myWorkPaging: { value: 'honoured', evidence },
    apiVersions: { answered: ['v20.0'], refused: [], evidence },
    issueStatuses: { value: ['NEW', 'CLS'], evidence },
  },
  notRun: [],
};
const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});
const t = (key: string, params?: Record<string, string | number>) =>
  interpolate((instanceCheckResultsMessages.en as Record<string, string>)[key] ?? key, params);

function needingAction(
  behaviours: Partial<InstanceProfile['behaviours']>,
  current = config,
): string[] {
  const profile = { ...good, behaviours: { ...good.behaviours, ...behaviours } };
  return behaviourRows(profile, recommendedConfig(profile, current), current, t)
    .filter((row) => row.verdict === 'action')
    .map((row) => row.name);
}

describe('the check rows: fine or needs action', () => {
  it('marks every row fine for an instance the app needs nothing changed for', () => {
    expect(needingAction({})).toEqual([]);
  });

  it.each<[string, Partial<InstanceProfile['behaviours']>]>([
    ['refreshTokenIssued', { refreshTokenIssued: { value: false, evidence } }],
    ['refreshTokenRotates', { refreshTokenRotates: { value: false, evidence } }],
    ['tokenCors', { tokenCors: { value: false, evidence } }],
    ['myWorkPaging', { myWorkPaging: { value: 'limit-only', evidence } }],
    ['apiVersions', { apiVersions: { answered: ['v21.0'], refused: ['v20.0'], evidence } }],
    ['apiVersions', { apiVersions: { answered: [], refused: ['v20.0'], evidence } }],
  ])('marks %s as needing action when Workfront answers so', (name, behaviours) => {
    expect(needingAction(behaviours)).toEqual([name]);
  });

  it('marks state and API CORS by what config.json says', () => {
    const noState = { stateEchoed: { value: false, evidence: { keys: ['code'] } } };
    expect(needingAction(noState)).toEqual(['stateEchoed']);
    expect(needingAction(noState, { ...config, stateEcho: false })).toEqual([]);
    expect(needingAction({}, { ...config, apiMode: 'direct' })).toEqual(['apiCors']);
    expect(needingAction({ apiCors: { value: true, evidence } })).toEqual([]);
  });

  it('keeps what the app takes either way fine', () => {
    expect(
      needingAction({
        tokenType: { value: 'Bearer', evidence },
        expiresIn: { value: 0, evidence },
        refreshTokenRotates: { value: null, evidence },
        tokenErrorStyle: { value: 'unknown', evidence },
        myWorkObjCode: { value: 'WORK', evidence },
        myWorkPaging: { value: 'ignored', evidence },
        authError: { status: 200, errorClass: null, evidence },
      }),
    ).toEqual([]);
  });
});
