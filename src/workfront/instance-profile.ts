import * as v from 'valibot';
import { parseAppConfig, type AppConfig } from '../config/app-config';

/**
 * What "Check this Workfront" learned about an instance: its undocumented behaviours, each with
 * the evidence it rests on. Deterministic and free of personal data: no timestamps, durations,
 * tokens, codes, user names, IDs or work data, so two checks of one instance give equal files and
 * a file can be shared (the emulator replays one: `npm run setup -- --profile`).
 */
export const profileVersion = 1;

/** The API versions the check asks for, oldest first. */
export const checkedApiVersions = [
  'v16.0',
  'v17.0',
  'v18.0',
  'v19.0',
  'v20.0',
  'v21.0',
  'v22.0',
] as const;

const names = v.array(v.string());

export const evidenceSchema = v.strictObject({
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(599))),
  headerNames: v.optional(names),
  keys: v.optional(names),
  note: v.optional(v.string()),
});

export type Evidence = v.InferOutput<typeof evidenceSchema>;

function behaviour<const TValue extends v.GenericSchema>(value: TValue) {
  return v.strictObject({ value, evidence: evidenceSchema });
}

const apiVersion = v.picklist(checkedApiVersions);

export const instanceProfileSchema = v.strictObject({
  profileVersion: v.literal(profileVersion),
  behaviours: v.strictObject({
    stateEchoed: behaviour(v.boolean()),
    tokenType: behaviour(v.string()),
    expiresIn: behaviour(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
    refreshTokenIssued: behaviour(v.boolean()),
    refreshTokenRotates: behaviour(v.nullable(v.boolean())),
    tokenCors: behaviour(v.boolean()),
    apiCors: behaviour(v.boolean()),
    bearerAccepted: behaviour(v.boolean()),
    authError: v.strictObject({
      status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(599)),
      errorClass: v.nullable(v.string()),
      evidence: evidenceSchema,
    }),
    tokenErrorStyle: behaviour(
      v.picklist(['rfc6749', 'workfront', 'workfront-boolean', 'unknown']),
    ),
    myWorkObjCode: behaviour(v.picklist(['TASK_OPTASK', 'WORK', 'unknown'])),
    myWorkPaging: behaviour(v.picklist(['honoured', 'ignored', 'limit-only', 'unknown'])),
    apiVersions: v.strictObject({
      answered: v.array(apiVersion),
      refused: v.array(apiVersion),
      evidence: evidenceSchema,
    }),
    issueStatuses: behaviour(names),
  }),
  notRun: v.array(v.strictObject({ probe: v.string(), reason: v.string() })),
});

export type InstanceProfile = v.InferOutput<typeof instanceProfileSchema>;
export type Behaviours = InstanceProfile['behaviours'];
export type BehaviourName = keyof Behaviours;
export type TokenErrorStyle = Behaviours['tokenErrorStyle']['value'];
export type MyWorkObjCode = Behaviours['myWorkObjCode']['value'];
export type MyWorkPaging = Behaviours['myWorkPaging']['value'];
export type CheckedApiVersion = (typeof checkedApiVersions)[number];

/**
 * Reads a profile file. Throws an Error that names the field (its valibot path), or says the
 * profile was written by a newer app.
 */
export function parseInstanceProfile(json: unknown): InstanceProfile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('profile: not a JSON object.');
  }
  if ('profileVersion' in json) {
    const { profileVersion: version } = json;
    if (typeof version === 'number' && version > profileVersion) {
      throw new Error(
        `profileVersion: the profile is version ${String(version)}, newer than this app, which reads version ${String(profileVersion)}.`,
      );
    }
  }
  const result = v.safeParse(instanceProfileSchema, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new Error(`${v.getDotPath(issue) ?? 'profile'}: ${issue.message}`);
}

/** The config.json fields a profile calls for. */
export interface RecommendedConfig {
  apiMode: AppConfig['apiMode'];
  apiVersion: string;
  stateEcho: boolean;
}

export function recommendedConfig(
  profile: InstanceProfile,
  current: Pick<AppConfig, 'apiVersion'>,
): RecommendedConfig {
  const { answered } = profile.behaviours.apiVersions;
  const configuredAnswered = answered.some((version) => version === current.apiVersion);
  return {
    apiMode: profile.behaviours.apiCors.value ? 'direct' : 'proxy',
    apiVersion: configuredAnswered ? current.apiVersion : (answered.at(-1) ?? current.apiVersion),
    // A probe that did not run leaves false as a placeholder: only a measured false counts.
    stateEcho:
      profile.behaviours.stateEchoed.value ||
      profile.notRun.some(({ probe }) => probe === 'stateEchoed'),
  };
}

/**
 * The whole config.json the profile calls for: the current file's fields, with apiMode,
 * apiVersion and stateEcho as recommended. Endpoints appear only where they differ from their defaults.
 */
export function recommendedConfigFile(
  profile: InstanceProfile,
  current: AppConfig,
): Record<string, string | boolean> {
  const { workfrontUrl, clientId, redirectPath, scope } = current;
  const defaults = parseAppConfig({ workfrontUrl, clientId, redirectPath });
  const endpoints = (['authorizationEndpoint', 'tokenEndpoint', 'revocationEndpoint'] as const)
    .filter((field) => current[field] !== defaults[field])
    .map((field) => [field, current[field]] as const);
  const { stateEcho, ...recommended } = recommendedConfig(profile, current);
  return {
    workfrontUrl,
    clientId,
    redirectPath,
    scope,
    ...recommended,
    // Written only when it is not the default.
    ...(stateEcho ? {} : { stateEcho }),
    ...(current.emulator ? { emulator: true } : {}),
    ...Object.fromEntries(endpoints),
    // Kept, so that the file written from this advice still links to Workfront's sign-out.
    ...(current.workfrontSignOutUrl ? { workfrontSignOutUrl: current.workfrontSignOutUrl } : {}),
  };
}

/** What in a profile stops, or limits, this app with this instance. */
export type ProfileProblem =
  | 'token-cors-closed'
  | 'no-refresh-token'
  | 'no-api-version-answered'
  | 'configured-version-refused';

export function describeProfileProblems(
  profile: InstanceProfile,
  current: Pick<AppConfig, 'apiVersion'>,
): ProfileProblem[] {
  const { behaviours } = profile;
  const problems: ProfileProblem[] = [];
  if (!behaviours.tokenCors.value) problems.push('token-cors-closed');
  if (!behaviours.refreshTokenIssued.value) problems.push('no-refresh-token');
  if (behaviours.apiVersions.answered.length === 0) problems.push('no-api-version-answered');
  else if (behaviours.apiVersions.refused.some((version) => version === current.apiVersion)) {
    problems.push('configured-version-refused');
  }
  return problems;
}
