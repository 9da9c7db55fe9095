import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { parseInstanceProfile, type InstanceProfile } from '../src/workfront/instance-profile.ts';
import { expect, expectSignedIn, signIn, test, type IssuedTokens } from './fixtures';
import { serveConfigFor } from './support/app-config';
import { demoClientId, emulator } from './support/emulator';

/**
 * "Check this Workfront" in the flow inspector, against the emulator under its switches: each
 * behaviour the check reports is the switch's setting, and a profile replayed by the emulator
 * checks the same again.
 */

/** The emulator's switches that a check measures, at their defaults (emulator/README.md). */
const defaults = {
  echoState: true,
  tokenType: 'sessionID' as 'sessionID' | 'Bearer',
  accessTokenTtlSeconds: 3600,
  expiresInZero: false,
  tokenCors: true,
  apiCors: false,
  acceptBearer: false,
  authErrorStatus: 401,
  tokenErrorStyle: 'rfc6749' as 'rfc6749' | 'workfront' | 'workfront-boolean',
  myWorkObjCode: 'TASK_OPTASK' as 'TASK_OPTASK' | 'WORK',
  myWorkPaging: 'honoured' as 'honoured' | 'ignored' | 'limit-only',
};
type Switches = typeof defaults;

const allVersions = ['v16.0', 'v17.0', 'v18.0', 'v19.0', 'v20.0', 'v21.0', 'v22.0'];

/** What the check must report of an emulator with these switches. */
function expectedBehaviours(switches: Switches, rotates: boolean) {
  return {
    stateEchoed: switches.echoState,
    tokenType: switches.tokenType,
    expiresIn: switches.expiresInZero ? 0 : switches.accessTokenTtlSeconds,
    refreshTokenIssued: true,
    // The check learns rotation from a refresh of its own, which needs the token endpoint.
    refreshTokenRotates: switches.tokenCors ? rotates : null,
    tokenCors: switches.tokenCors,
    apiCors: switches.apiCors,
    bearerAccepted: switches.acceptBearer,
    authError: {
      status: switches.authErrorStatus,
      errorClass: 'com.attask.common.AuthenticationException',
    },
    tokenErrorStyle: switches.tokenCors ? switches.tokenErrorStyle : 'unknown',
    myWorkObjCode: switches.myWorkObjCode,
    myWorkPaging: switches.myWorkPaging,
    apiVersions: { answered: allVersions, refused: [] },
  };
}

/** Each behaviour's value; the two without one, their fields but the evidence. */
function valuesOf({ behaviours }: InstanceProfile) {
  const { authError, apiVersions, issueStatuses, ...rest } = behaviours;
  return {
    ...Object.fromEntries(Object.entries(rest).map(([name, { value }]) => [name, value])),
    authError: { status: authError.status, errorClass: authError.errorClass },
    apiVersions: { answered: apiVersions.answered, refused: apiVersions.refused },
    issueStatuses: issueStatuses.value,
  };
}

const checkSection = (page: Page) => page.getByRole('region', { name: 'Check this Workfront' });

async function openInspector(page: Page) {
  await expectSignedIn(page);
  await page.getByRole('link', { name: /^Session/ }).click();
  await expect(page.getByRole('heading', { name: 'Session', level: 1 })).toBeVisible();
}

/** Runs the check from the inspector; returns the downloaded profile and the config.json shown. */
async function checkThisWorkfront(page: Page) {
  await openInspector(page);
  const section = checkSection(page);
  await section.getByRole('button', { name: 'Check this Workfront' }).click();
  const link = section.getByRole('link', { name: 'Download profile' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole('table', { name: 'What this Workfront does' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('workfront-instance-profile.json');
  const text = await readFile(await download.path(), 'utf8');
  const config: unknown = JSON.parse(
    (await section.getByTestId('recommended-config').textContent()) ?? '',
  );
  return { text, profile: parseInstanceProfile(JSON.parse(text)), config };
}

async function expectNoToken(text: string, issued: IssuedTokens) {
  const { accessTokens, refreshTokens } = await issued();
  expect(accessTokens.length).toBeGreaterThan(0);
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(text.includes(token), 'a token is in the profile or the page').toBe(false);
  }
}

interface Scenario {
  name: string;
  /** Set before signing in. */
  switches: Partial<Switches>;
  /** Set once signed in: a closed token endpoint would stop the sign-in itself. */
  afterSignIn?: Partial<Switches>;
  /** The demo app's "Rotate refresh token every time it is used". */
  rotates: boolean;
  apiMode: 'proxy' | 'direct';
  notRun: { probe: string; reason: string }[];
  /** The token endpoint's refresh answers: the made-up token's 400, then the check's refresh. */
  refreshStatuses: number[];
}

const scenarios: Scenario[] = [
  {
    name: 'the defaults: state echoed, sessionID, RFC 6749 errors, API closed to CORS',
    switches: {},
    rotates: true,
    apiMode: 'proxy',
    notRun: [],
    refreshStatuses: [400, 200],
  },
  {
    name: 'no state, Bearer, Workfront-style errors, API open to CORS and Bearer, errors at 200, myWork as WORK without paging, no rotation',
    switches: {
      echoState: false,
      tokenType: 'Bearer',
      accessTokenTtlSeconds: 900,
      apiCors: true,
      acceptBearer: true,
      authErrorStatus: 200,
      tokenErrorStyle: 'workfront',
      myWorkObjCode: 'WORK',
      myWorkPaging: 'ignored',
    },
    rotates: false,
    apiMode: 'direct',
    notRun: [],
    refreshStatuses: [400, 200],
  },
  {
    name: 'expires_in 0, error: true in token errors, auth errors at 500, $$LIMIT without $$FIRST',
    switches: {
      expiresInZero: true,
      tokenErrorStyle: 'workfront-boolean',
      authErrorStatus: 500,
      myWorkObjCode: 'WORK',
      myWorkPaging: 'limit-only',
    },
    rotates: true,
    apiMode: 'proxy',
    notRun: [],
    refreshStatuses: [400, 200],
  },
  {
    name: 'a token endpoint that stops answering this origin, auth errors at 403, Bearer accepted',
    switches: { authErrorStatus: 403, acceptBearer: true, myWorkPaging: 'ignored' },
    afterSignIn: { tokenCors: false },
    rotates: true,
    apiMode: 'proxy',
    notRun: [
      { probe: 'tokenErrorStyle', reason: 'token-endpoint-blocked' },
      { probe: 'refreshTokenRotates', reason: 'token-endpoint-blocked' },
    ],
    // The made-up refresh still reaches Workfront; only its answer is unreadable.
    refreshStatuses: [400],
  },
];

test.describe('Check this Workfront', () => {
  test('is offered only once signed in', async ({ page }) => {
    await page.goto('/session');
    const section = checkSection(page);
    await expect(section.getByRole('button', { name: 'Check this Workfront' })).toBeDisabled();
    await expect(section.getByText('Sign in to check this Workfront.')).toBeVisible();
  });

  for (const scenario of scenarios) {
    test(`reports each switch as set: ${scenario.name}`, async ({ page, issuedTokens }) => {
      const switches: Switches = { ...defaults, ...scenario.switches, ...scenario.afterSignIn };
      await emulator.settings(scenario.switches);
      await serveConfigFor(page, scenario.switches);
      await emulator.updateApp(demoClientId, { rotateRefreshToken: scenario.rotates });
      await page.goto('/');
      await signIn(page);
      await expectSignedIn(page);
      if (scenario.afterSignIn) await emulator.settings(scenario.afterSignIn);
      await emulator.clearLog();

      const { text, profile, config } = await checkThisWorkfront(page);
      expect(valuesOf(profile)).toMatchObject(expectedBehaviours(switches, scenario.rotates));
      expect(profile.behaviours.issueStatuses.value).toEqual(
        expect.arrayContaining(['NEW', 'INP', 'CLS']),
      );
      expect(profile.notRun).toEqual(scenario.notRun);
      expect(config).toMatchObject({ apiMode: scenario.apiMode, apiVersion: 'v20.0' });
      // Written only where the instance sent no state back: true is the default.
      if (switches.echoState) expect(config).not.toHaveProperty('stateEcho');
      else expect(config).toMatchObject({ stateEcho: false });

      expect((await emulator.tokenCalls('refresh_token')).map((call) => call.status)).toEqual(
        scenario.refreshStatuses,
      );
      const notRunList = checkSection(page).getByRole('list', { name: 'Could not run' });
      await expect(notRunList.getByRole('listitem')).toHaveCount(scenario.notRun.length);
      await expectSignedIn(page);
      await expectNoToken(text, issuedTokens);
      await expectNoToken(await page.content(), issuedTokens);
    });
  }

  /** Each row's status, by its label: the table's second column, as text. */
  async function statuses(page: Page, tableName: string) {
    const rows = page.getByRole('table', { name: tableName }).locator('tbody tr');
    await expect(rows).toHaveCount(14);
    const entries = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        tr.querySelector('td')?.textContent ?? '',
      ]),
    );
    return Object.fromEntries(entries) as Record<string, string>;
  }

  test('marks each row "fine" or "needs action" in words, in English and Chinese', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await checkThisWorkfront(page);
    const fine = await statuses(page, 'What this Workfront does');
    expect(new Set(Object.values(fine))).toEqual(new Set(['fine']));

    // A token endpoint that stops answering this origin, and a myWork that honours $$LIMIT but
    // not $$FIRST: two rows to act on.
    await emulator.settings({ tokenCors: false, myWorkPaging: 'limit-only' });
    await checkSection(page).getByRole('button', { name: 'Check this Workfront' }).click();
    await expect
      .poll(async () => (await statuses(page, 'What this Workfront does'))['work/myWork paging'])
      .toBe('needs action');
    const english = await statuses(page, 'What this Workfront does');
    expect(english).toMatchObject({
      'token endpoint CORS': 'needs action',
      'work/myWork paging': 'needs action',
    });
    expect(Object.values(english).filter((status) => status === 'fine')).toHaveLength(12);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const chinese = await statuses(page, '此 Workfront 的行为');
    expect(chinese).toMatchObject({
      '令牌端点 CORS': '需要处理',
      'work/myWork 分页': '需要处理',
    });
    expect(Object.values(chinese).filter((status) => status === '正常')).toHaveLength(12);
  });

  test('its results have no serious accessibility problems', async ({ page }) => {
    await page.goto('/');
    await signIn(page);
    await checkThisWorkfront(page);
    const results = await new AxeBuilder({ page }).include('main').analyze();
    const serious = results.violations.filter((violation) =>
      ['serious', 'critical'].includes(violation.impact ?? ''),
    );
    expect(serious.map((violation) => violation.id)).toEqual([]);
  });

  test('a profile replayed by the emulator checks the same again', async ({ page }) => {
    test.setTimeout(60_000);
    const switches: Partial<Switches> = {
      echoState: false,
      tokenType: 'Bearer',
      accessTokenTtlSeconds: 1800,
      apiCors: true,
      acceptBearer: true,
      authErrorStatus: 403,
      tokenErrorStyle: 'workfront-boolean',
      myWorkObjCode: 'WORK',
      myWorkPaging: 'ignored',
    };
    await emulator.settings(switches);
    await serveConfigFor(page, switches);
    await emulator.updateApp(demoClientId, { rotateRefreshToken: false });
    await page.goto('/');
    await signIn(page);
    const first = await checkThisWorkfront(page);
    expect(first.profile.notRun).toEqual([]);

    // Back to the defaults, then the profile sets the switches again.
    await emulator.reset();
    // The downloaded file as it is; a refusal throws with the emulator's status and answer.
    await emulator.replayProfile(first.text);
    expect(await emulator.currentSettings()).toMatchObject(switches);
    expect(await emulator.app(demoClientId)).toMatchObject({ rotateRefreshToken: false });

    // A fresh start: no Workfront session cookie, nothing in the app's memory or storage.
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.goto('/');
    await signIn(page);
    const second = await checkThisWorkfront(page);
    expect(second.profile).toEqual(first.profile);
  });
});
