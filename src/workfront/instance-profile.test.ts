import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../config/app-config';
import {
  describeProfileProblems,
  parseInstanceProfile,
  recommendedConfig,
  recommendedConfigFile,
  type InstanceProfile,
} from './instance-profile';

const tokenAnswer = {
  keys: ['access_token', 'expires_in', 'refresh_token', 'token_type'],
  note: "the sign-in's token answer",
};

const validProfile: InstanceProfile = {
  profileVersion: 1,
  behaviours: {
    stateEchoed: { value: true, evidence: { keys: ['code', 'state'] } },
    tokenType: { value: 'sessionID', evidence: tokenAnswer },
    expiresIn: { value: 0, evidence: tokenAnswer },
    refreshTokenIssued: { value: true, evidence: tokenAnswer },
    refreshTokenRotates: { value: null, evidence: {} },
    tokenCors: { value: true, evidence: { status: 400, headerNames: ['content-type'] } },
    apiCors: { value: false, evidence: { note: 'TypeError' } },
    bearerAccepted: { value: false, evidence: { status: 401, keys: ['error'] } },
    authError: {
      status: 401,
      errorClass: 'com.attask.common.AuthenticationException',
      evidence: { status: 401, keys: ['error'] },
    },
    tokenErrorStyle: { value: 'workfront', evidence: { status: 400, keys: ['error', 'type'] } },
    myWorkObjCode: { value: 'WORK', evidence: {} },
    myWorkPaging: { value: 'ignored', evidence: {} },
    apiVersions: { answered: ['v19.0', 'v21.0'], refused: ['v16.0', 'v20.0'], evidence: {} },
    issueStatuses: { value: ['NEW', 'CLS'], evidence: { status: 200 } },
  },
  notRun: [{ probe: 'refreshTokenRotates', reason: 'refresh-failed' }],
};

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});

function messageOf(input: unknown): string {
  try {
    parseInstanceProfile(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the profile to be refused');
}

const withBehaviour = (name: string, value: unknown) => ({
  ...validProfile,
  behaviours: { ...validProfile.behaviours, [name]: value },
});

describe('parseInstanceProfile', () => {
  it('accepts a valid profile, and its JSON', () => {
    expect(parseInstanceProfile(validProfile)).toEqual(validProfile);
    expect(parseInstanceProfile(JSON.parse(JSON.stringify(validProfile)))).toEqual(validProfile);
  });

  it.each<[string, unknown, string]>([
    [
      'a string for a boolean',
      withBehaviour('apiCors', { value: 'yes', evidence: {} }),
      'behaviours.apiCors.value',
    ],
    [
      'an unknown token error style',
      withBehaviour('tokenErrorStyle', { value: 'oauth', evidence: {} }),
      'behaviours.tokenErrorStyle.value',
    ],
    ['a missing behaviour', withBehaviour('myWorkPaging', undefined), 'behaviours.myWorkPaging'],
    [
      'a negative expires_in',
      withBehaviour('expiresIn', { value: -1, evidence: {} }),
      'behaviours.expiresIn.value',
    ],
    [
      'an API version out of range',
      withBehaviour('apiVersions', { answered: ['v15.0'], refused: [], evidence: {} }),
      'behaviours.apiVersions.answered.0',
    ],
    [
      'a field the schema does not know',
      withBehaviour('stateEchoed', { value: true, evidence: { token: 'x' } }),
      'behaviours.stateEchoed.evidence.token',
    ],
    [
      'a status that is no HTTP status',
      withBehaviour('authError', { status: 1000, errorClass: null, evidence: {} }),
      'behaviours.authError.status',
    ],
    [
      'a notRun entry without a reason',
      { ...validProfile, notRun: [{ probe: 'x' }] },
      'notRun.0.reason',
    ],
    ['version 0', { ...validProfile, profileVersion: 0 }, 'profileVersion'],
  ])('refuses %s, naming the field', (_, input, field) => {
    expect(messageOf(input)).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
  });

  it('refuses what is no profile at all', () => {
    expect(messageOf(null)).toMatch(/^profile: /);
    expect(messageOf([validProfile])).toMatch(/^profile: /);
  });

  it('refuses a newer profile, saying so', () => {
    expect(messageOf({ ...validProfile, profileVersion: 2 })).toMatch(
      /^profileVersion: .*newer than this app/,
    );
    expect(messageOf({ profileVersion: 7 })).toMatch(/newer than this app/);
  });
});

describe('recommendedConfig', () => {
  it('calls for proxy mode when the API is closed to cross-origin calls, direct when open', () => {
    expect(recommendedConfig(validProfile, config).apiMode).toBe('proxy');
    const open = withBehaviour('apiCors', { value: true, evidence: {} }) as InstanceProfile;
    expect(recommendedConfig(open, config).apiMode).toBe('direct');
  });

  it('keeps the configured version if it answered, else takes the highest that did', () => {
    expect(recommendedConfig(validProfile, { apiVersion: 'v19.0' }).apiVersion).toBe('v19.0');
    expect(recommendedConfig(validProfile, { apiVersion: 'v20.0' }).apiVersion).toBe('v21.0');
    const none = withBehaviour('apiVersions', {
      answered: [],
      refused: [],
      evidence: {},
    }) as InstanceProfile;
    expect(recommendedConfig(none, { apiVersion: 'v20.0' }).apiVersion).toBe('v20.0');
  });

  it('gives the whole config.json, endpoints only where they are not the defaults', () => {
    expect(recommendedConfigFile(validProfile, config)).toEqual({
      workfrontUrl: 'https://acme.my.workfront.com',
      clientId: 'spa',
      redirectPath: '/callback',
      scope: 'offline_access',
      apiVersion: 'v21.0',
      apiMode: 'proxy',
    });
    const proxied = {
      ...config,
      emulator: true,
      tokenEndpoint: 'https://app.example/token',
      workfrontSignOutUrl: 'https://idp.example/logout',
    };
    expect(recommendedConfigFile(validProfile, proxied)).toMatchObject({
      emulator: true,
      tokenEndpoint: 'https://app.example/token',
      workfrontSignOutUrl: 'https://idp.example/logout',
    });
  });

  it('says stateEcho false only when the check measured no state on the way back', () => {
    const noState = withBehaviour('stateEchoed', { value: false, evidence: {} }) as InstanceProfile;
    expect(recommendedConfigFile(noState, config)).toMatchObject({ stateEcho: false });
    expect(recommendedConfigFile(validProfile, config)).not.toHaveProperty('stateEcho');
    const notRun = { ...noState, notRun: [{ probe: 'stateEchoed', reason: 'not-signed-in' }] };
    expect(recommendedConfigFile(notRun, config)).not.toHaveProperty('stateEcho');
  });
});

describe('describeProfileProblems', () => {
  it('names what limits the app', () => {
    expect(describeProfileProblems(validProfile, config)).toEqual(['configured-version-refused']);
    const closed = {
      ...validProfile,
      behaviours: {
        ...validProfile.behaviours,
        tokenCors: { value: false, evidence: {} },
        refreshTokenIssued: { value: false, evidence: {} },
        apiVersions: { answered: [], refused: [], evidence: {} },
      },
    };
    expect(describeProfileProblems(closed, config)).toEqual([
      'token-cors-closed',
      'no-refresh-token',
      'no-api-version-answered',
    ]);
  });
});
