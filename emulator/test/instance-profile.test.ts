import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  readInstanceProfile,
  settingsToProfile,
  type InstanceProfile,
} from '../src/instance-profile.ts';
import { demoApp } from '../src/oauth/demo-app.ts';
import { defaultSettings, type Settings } from '../src/settings.ts';
import { startEmulator, useEmulator } from './harness.ts';
import { refreshTokens, signIn } from './pkce-client.ts';

const samplePath = new URL('../../docs/sample-instance-profile.json', import.meta.url);
const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as InstanceProfile;

/** The settings a profile carries: all of them but three that no check can see. */
const replayedKeys = [
  'echoState',
  'tokenType',
  'accessTokenTtlSeconds',
  'expiresInZero',
  'tokenCors',
  'apiCors',
  'acceptBearer',
  'authErrorStatus',
  'tokenErrorStyle',
  'myWorkObjCode',
  'myWorkPaging',
] as const satisfies readonly (keyof Settings)[];

const pick = (settings: Settings) =>
  Object.fromEntries(replayedKeys.map((key) => [key, settings[key]]));

type Mutable = Record<string, unknown>;

/** The sample with a change at a dotted path ("behaviours.tokenType.value"); undefined deletes. */
function changed(path: string, value: unknown, base: unknown = sample): Mutable {
  const copy = structuredClone(base) as Mutable;
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let target = copy;
  for (const key of keys) target = target[key] as Mutable;
  if (value === undefined) Reflect.deleteProperty(target, last);
  else target[last] = value;
  return copy;
}

/** Every behaviour away from the emulator's defaults. */
const elsewhere = (() => {
  let profile: unknown = sample;
  for (const [path, value] of [
    ['behaviours.stateEchoed.value', false],
    ['behaviours.tokenType.value', 'Bearer'],
    ['behaviours.expiresIn.value', 0],
    ['behaviours.refreshTokenRotates.value', false],
    ['behaviours.tokenCors.value', false],
    ['behaviours.apiCors.value', true],
    ['behaviours.bearerAccepted.value', true],
    ['behaviours.authError.status', 200],
    ['behaviours.tokenErrorStyle.value', 'workfront-boolean'],
    ['behaviours.myWorkObjCode.value', 'WORK'],
    ['behaviours.myWorkPaging.value', 'ignored'],
  ] as const) {
    profile = changed(path, value, profile);
  }
  return profile as Mutable;
})();

describe('readInstanceProfile', () => {
  it('reads docs/sample-instance-profile.json, the profile of the default settings', () => {
    expect(sample).toEqual(settingsToProfile(defaultSettings, demoApp.fields.rotateRefreshToken));
    const result = readInstanceProfile(sample);
    expect(result).toMatchObject({ ok: true, replay: { notes: [], rotateRefreshToken: true } });
    if (!result.ok) return;
    expect({ ...defaultSettings, ...result.replay.settings }).toEqual(defaultSettings);
    expect(Object.keys(result.replay.settings).sort()).toEqual([...replayedKeys].sort());
  });

  it('turns the profile of any settings back into those settings', () => {
    const settings = fc.record({
      echoState: fc.boolean(),
      tokenType: fc.constantFrom('Bearer' as const, 'sessionID' as const),
      accessTokenTtlSeconds: fc.integer({ min: 1, max: 31_536_000 }),
      expiresInZero: fc.boolean(),
      tokenCors: fc.boolean(),
      apiCors: fc.boolean(),
      acceptBearer: fc.boolean(),
      authErrorStatus: fc.oneof(fc.constant(200), fc.integer({ min: 400, max: 599 })),
      tokenErrorStyle: fc.constantFrom(
        'rfc6749' as const,
        'workfront' as const,
        'workfront-boolean' as const,
      ),
      myWorkObjCode: fc.constantFrom('TASK_OPTASK' as const, 'WORK' as const),
      myWorkPaging: fc.constantFrom('honoured' as const, 'ignored' as const, 'limit-only' as const),
    });
    fc.assert(
      fc.property(settings, fc.boolean(), (chosen, rotates) => {
        const start: Settings = { ...defaultSettings, ...chosen };
        const result = readInstanceProfile(
          JSON.parse(JSON.stringify(settingsToProfile(start, rotates))),
        );
        if (!result.ok) throw new Error(result.message);
        const replayed = { ...defaultSettings, ...result.replay.settings };
        // expires_in 0 hides the lifetime: the TTL is left as it was.
        const expected = start.expiresInZero
          ? { ...start, accessTokenTtlSeconds: defaultSettings.accessTokenTtlSeconds }
          : start;
        expect(pick(replayed)).toEqual(pick(expected));
        expect(result.replay.rotateRefreshToken).toBe(rotates);
      }),
    );
  });

  it('leaves what the check could not measure, placeholders and all, as the app writes it', () => {
    // The app's check without a sign-in and without an API answer (src/workfront/instance-check.ts).
    let profile = changed('behaviours.tokenType.value', '');
    profile = changed('behaviours.expiresIn.value', null, profile);
    profile = changed('behaviours.stateEchoed.value', false, profile);
    profile = changed(
      'behaviours.authError',
      { status: 0, errorClass: null, evidence: {} },
      profile,
    );
    profile = changed(
      'notRun',
      [
        'stateEchoed',
        'tokenType',
        'expiresIn',
        'refreshTokenIssued',
        'authError',
        'apiVersions v16.0',
      ].map((probe) => ({ probe, reason: probe === 'authError' ? 'timeout' : 'no-sign-in' })),
      profile,
    );
    const result = readInstanceProfile(profile);
    if (!result.ok) throw new Error(result.message);
    const { settings, notes } = result.replay;
    for (const key of [
      'echoState',
      'tokenType',
      'accessTokenTtlSeconds',
      'expiresInZero',
      'authErrorStatus',
    ]) {
      expect(settings).not.toHaveProperty(key);
    }
    expect(settings).toMatchObject({ tokenCors: true, apiCors: false, myWorkPaging: 'honoured' });
    expect(notes).toEqual([
      'behaviours.stateEchoed: not replayed, the check did not run it (no-sign-in)',
      'behaviours.tokenType: not replayed, the check did not run it (no-sign-in)',
      'behaviours.expiresIn: not replayed, the check did not run it (no-sign-in)',
      'behaviours.refreshTokenIssued: not replayed, the check did not run it (no-sign-in)',
      'behaviours.authError: not replayed, the check did not run it (timeout)',
      'The check did not run apiVersions v16.0 (no-sign-in)',
    ]);
  });

  it.each([
    [
      { ...sample, profileVersion: 2 },
      'profileVersion 2 is newer than this emulator understands (1)',
    ],
    [{ ...sample, profileVersion: '1' }, 'profileVersion must be 1'],
    [changed('profileVersion', undefined), 'profileVersion is missing'],
    [[], 'An instance profile must be a JSON object'],
    [changed('behaviours', undefined), 'behaviours is missing'],
    [changed('notRun', {}), 'notRun must be a list'],
    [changed('colour', 'red'), 'colour is not a field of an instance profile (version 1)'],
    [changed('behaviours.apiCors', undefined), 'behaviours.apiCors is missing'],
    [changed('behaviours.colour', {}), 'behaviours.colour is not a field'],
    [
      changed('behaviours.stateEchoed.value', 'yes'),
      'behaviours.stateEchoed.value must be true or false',
    ],
    [changed('behaviours.tokenType.value', 5), 'behaviours.tokenType.value must be a string'],
    [
      changed('behaviours.tokenType.value', 'bearer'),
      'behaviours.tokenType.value must be "Bearer" or "sessionID", the token types the emulator sends, not "bearer"',
    ],
    [
      changed('behaviours.expiresIn.value', -1),
      'behaviours.expiresIn.value must be a whole number of seconds, 0 or more, or null',
    ],
    [
      changed('behaviours.expiresIn.value', 40_000_000),
      'behaviours.expiresIn.value must be 0, null or a whole number from 1 to 31536000',
    ],
    [
      changed('behaviours.refreshTokenRotates.value', 'sometimes'),
      'behaviours.refreshTokenRotates.value must be true or false, or null',
    ],
    [
      changed('behaviours.authError.status', 302),
      'behaviours.authError.status must be 200 or a whole number from 400 to 599',
    ],
    [
      changed('behaviours.authError.status', 700),
      'behaviours.authError.status must be a whole number from 0 to 599',
    ],
    [
      changed('behaviours.authError.errorClass', 7),
      'behaviours.authError.errorClass must be a string, or null',
    ],
    [
      changed('behaviours.tokenErrorStyle.value', 'boolean'),
      'behaviours.tokenErrorStyle.value must be "rfc6749" or "workfront" or "workfront-boolean" or "unknown"',
    ],
    [
      changed('behaviours.myWorkPaging.value', 'sometimes'),
      'behaviours.myWorkPaging.value must be "honoured" or "ignored" or "limit-only" or "unknown"',
    ],
    [
      changed('behaviours.apiVersions.answered', ['v9.0']),
      'behaviours.apiVersions.answered[0] must be "v16.0" or "v17.0"',
    ],
    [
      changed('behaviours.issueStatuses.value', ['NEW', 3]),
      'behaviours.issueStatuses.value[1] must be a string',
    ],
    [
      changed('behaviours.stateEchoed.evidence', undefined),
      'behaviours.stateEchoed.evidence is missing',
    ],
    [
      changed('behaviours.stateEchoed.evidence.status', 'ok'),
      'behaviours.stateEchoed.evidence.status must be a whole number from 0 to 599',
    ],
    [
      changed('behaviours.stateEchoed.evidence.cookie', 'x'),
      'behaviours.stateEchoed.evidence.cookie is not a field',
    ],
    [changed('notRun', [{ probe: 'tokenCors' }]), 'notRun[0].reason is missing'],
  ])('refuses %j naming the field', (input, message) => {
    const result = readInstanceProfile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

const running = useEmulator();

const json = async (response: Response): Promise<unknown> => response.json();
const currentSettings = async () => json(await running.control('GET', '/settings'));
const demoRotation = async () =>
  ((await json(await running.control('GET', `/apps/${demoApp.clientId}`))) as Mutable)
    .rotateRefreshToken;

describe('POST /__emulator/settings with a profile', () => {
  it('replays the sample as the default settings', async () => {
    const response = await running.control('POST', '/settings', sample);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      settings: defaultSettings,
      demoApp: { clientId: demoApp.clientId, rotateRefreshToken: true },
      notes: [],
    });
  });

  it('replays every behaviour, and reset returns to the start', async () => {
    const response = await running.control('POST', '/settings', elsewhere);
    expect(response.status).toBe(200);
    const body = (await json(response)) as { settings: Settings; notes: string[] };
    expect(body.settings).toEqual({
      ...defaultSettings,
      echoState: false,
      tokenType: 'Bearer',
      expiresInZero: true,
      tokenCors: false,
      apiCors: true,
      acceptBearer: true,
      authErrorStatus: 200,
      tokenErrorStyle: 'workfront-boolean',
      myWorkObjCode: 'WORK',
      myWorkPaging: 'ignored',
    });
    expect(body.notes).toEqual([expect.stringContaining('behaviours.expiresIn: ') as unknown]);
    expect(await demoRotation()).toBe(false);

    // The instance's behaviours, as a client sees them.
    const { tokens } = await signIn(running.baseUrl);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 0 });
    const refreshed = (await json(
      await refreshTokens(running.baseUrl, tokens.refresh_token ?? ''),
    )) as { refresh_token: string };
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);

    await running.control('POST', '/reset');
    expect(await currentSettings()).toEqual(defaultSettings);
    expect(await demoRotation()).toBe(true);
  });

  it('sets the TTL from expires_in, and leaves what the profile does not know', async () => {
    await running.control('POST', '/settings', {
      accessTokenTtlSeconds: 120,
      expiresInZero: true,
      tokenErrorStyle: 'workfront',
      myWorkPaging: 'ignored',
      workItems: 5,
    });
    let profile = changed('behaviours.expiresIn.value', 900);
    profile = changed('behaviours.myWorkPaging.value', 'unknown', profile);
    profile = changed('behaviours.refreshTokenRotates.value', null, profile);
    const first = (await json(await running.control('POST', '/settings', profile))) as {
      settings: Settings;
      notes: string[];
    };
    expect(first.settings).toMatchObject({
      accessTokenTtlSeconds: 900,
      expiresInZero: false,
      tokenErrorStyle: 'rfc6749',
      myWorkPaging: 'ignored',
      workItems: 5,
    });
    expect(first.notes).toEqual([
      "behaviours.refreshTokenRotates: not measured, so the demo app's rotateRefreshToken is left as it is",
      'behaviours.myWorkPaging: unknown, so myWorkPaging is left as it is',
    ]);

    const second = (await json(
      await running.control('POST', '/settings', changed('behaviours.expiresIn.value', null)),
    )) as { settings: Settings; notes: string[] };
    expect(second.settings).toMatchObject({ accessTokenTtlSeconds: 900, expiresInZero: false });
    expect(second.notes).toEqual([
      expect.stringContaining('behaviours.expiresIn: the instance sent no expires_in') as unknown,
    ]);
  });

  it('says what it cannot replay: versions, statuses, the error class, a missing refresh token', async () => {
    let profile = changed('behaviours.apiVersions.answered', ['v20.0', 'v21.0', 'v22.0']);
    profile = changed('behaviours.apiVersions.refused', ['v16.0', 'v17.0'], profile);
    profile = changed('behaviours.issueStatuses.value', ['NEW', 'INP', 'CLS', 'CLS:DUP'], profile);
    profile = changed('behaviours.authError.errorClass', null, profile);
    profile = changed('behaviours.refreshTokenIssued.value', false, profile);
    const body = (await json(await running.control('POST', '/settings', profile))) as {
      settings: Settings;
      notes: string[];
    };
    expect(body.settings).toEqual(defaultSettings);
    expect(body.notes).toEqual([
      expect.stringContaining(
        'behaviours.refreshTokenIssued: the instance issued no refresh token',
      ),
      'behaviours.authError.errorClass: the instance sent no error class; the emulator always sends com.attask.common.AuthenticationException',
      'behaviours.apiVersions: not replayed; the instance answered v20.0, v21.0, v22.0 and refused v16.0, v17.0, the emulator answers v16.0, v17.0, v18.0, v19.0, v20.0, v21.0, v22.0',
      expect.stringMatching(
        /^behaviours\.issueStatuses: not replayed; .*the instance also has CLS:DUP; it lacks ROP, AWF, ONH, CND, RLV, VCP, WTR, INP:R$/,
      ),
    ]);
  });

  it('leaves a behaviour whose probe did not run', async () => {
    let profile = changed('behaviours.apiCors.value', true);
    profile = changed(
      'notRun',
      [
        { probe: 'apiCors', reason: 'apiMode is proxy' },
        { probe: 'somethingElse', reason: 'not signed in' },
      ],
      profile,
    );
    const body = (await json(await running.control('POST', '/settings', profile))) as {
      settings: Settings;
      notes: string[];
    };
    expect(body.settings.apiCors).toBe(false);
    expect(body.notes).toEqual([
      'behaviours.apiCors: not replayed, the check did not run it (apiMode is proxy)',
      'The check did not run somethingElse (not signed in)',
    ]);
  });

  it.each([
    [
      { ...sample, profileVersion: 2 },
      'profileVersion 2 is newer than this emulator understands (1)',
    ],
    [
      changed('behaviours.tokenType.value', 'mac', elsewhere),
      'behaviours.tokenType.value must be "Bearer" or "sessionID"',
    ],
    // Read last: everything before it would have applied.
    [
      changed('behaviours.issueStatuses.value', 'NEW', elsewhere),
      'behaviours.issueStatuses.value must be a list of strings',
    ],
    [changed('behaviours.authError.status', 302, elsewhere), 'behaviours.authError.status must be'],
    [{ profileVersion: 1 }, 'behaviours is missing'],
  ])('refuses %j with a 400 naming the field, and applies nothing', async (input, message) => {
    const response = await running.control('POST', '/settings', input);
    expect(response.status).toBe(400);
    const body = (await json(response)) as { error: string };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toContain(message);
    expect(await currentSettings()).toEqual(defaultSettings);
    expect(await demoRotation()).toBe(true);
  });

  it('replays the settings when the demo app is gone, and says so', async () => {
    await running.control('DELETE', `/apps/${demoApp.clientId}`);
    const response = await running.control('POST', '/settings', elsewhere);
    expect(response.status).toBe(200);
    const body = (await json(response)) as {
      settings: Settings;
      demoApp: unknown;
      notes: string[];
    };
    expect(body.settings.tokenType).toBe('Bearer');
    expect(body.demoApp).toBeNull();
    expect(body.notes).toContain(
      'behaviours.refreshTokenRotates: the demo app wf-demo-spa was deleted, so its rotation is not replayed',
    );
  });

  it('still reads a body without profileVersion as a settings patch', async () => {
    const response = await running.control('POST', '/settings', { tokenType: 'Bearer' });
    expect(await json(response)).toEqual({ ...defaultSettings, tokenType: 'Bearer' });
  });
});

describe('an emulator started from a profile', () => {
  it('takes the profile as its start, and reset returns to it', async () => {
    const result = readInstanceProfile(elsewhere);
    if (!result.ok) throw new Error(result.message);
    const started = await startEmulator({
      settings: result.replay.settings,
      demoApp: { rotateRefreshToken: false },
    });
    try {
      await started.control('POST', '/settings', { tokenType: 'sessionID' });
      await started.control('PATCH', `/apps/${demoApp.clientId}`, { rotateRefreshToken: true });
      await started.control('POST', '/reset');
      const settings = (await json(await started.control('GET', '/settings'))) as Settings;
      expect(settings).toMatchObject({ tokenType: 'Bearer', myWorkObjCode: 'WORK' });
      const app = (await json(
        await started.control('GET', `/apps/${demoApp.clientId}`),
      )) as Mutable;
      expect(app.rotateRefreshToken).toBe(false);
    } finally {
      await started.close();
    }
  });
});
