import type { AppConfig } from '../config/app-config';
import type { useMessages } from '../i18n/i18n-context';
import type {
  BehaviourName,
  InstanceProfile,
  RecommendedConfig,
} from '../workfront/instance-profile';
import type { instanceCheckResultsMessages } from './instance-check-results-messages';

type T = ReturnType<typeof useMessages<(typeof instanceCheckResultsMessages)['en']>>;

export interface BehaviourRow {
  name: BehaviourName;
  answer: string;
  consequence: string;
  /**
   * `action`: config.json, or the OAuth2 application in Workfront, should change, or the answer
   * limits what the app can do; `fine`: the app works with it as it is.
   */
  verdict: 'fine' | 'action';
}

const verdict = (needsAction: boolean) => (needsAction ? 'action' : 'fine');

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** The app treats a token that lasts 10 seconds or less as one with no usable lifetime. */
const shortestUsableSeconds = 10;

/** Each behaviour of a profile: Workfront's answer, what the app does about it, and whether to act. */
export function behaviourRows(
  { behaviours: b }: InstanceProfile,
  recommended: RecommendedConfig,
  config: Pick<AppConfig, 'apiVersion' | 'apiMode' | 'stateEcho'>,
  t: T,
): BehaviourRow[] {
  const rotates = b.refreshTokenRotates.value;
  const rotation = rotates === null ? 'unknown' : yesNo(rotates);
  const expiresIn = b.expiresIn.value;
  const versions = (list: readonly string[]) => (list.length ? list.join(', ') : t('none'));
  const { answered } = b.apiVersions;
  const versionKey =
    answered.length === 0
      ? 'apiVersions.none.app'
      : recommended.apiVersion === config.apiVersion
        ? 'apiVersions.configured.app'
        : 'apiVersions.other.app';
  return [
    {
      name: 'stateEchoed',
      answer: t(`stateEchoed.${yesNo(b.stateEchoed.value)}`),
      consequence: t(`stateEchoed.${yesNo(b.stateEchoed.value)}.app`),
      verdict: verdict(recommended.stateEcho !== config.stateEcho),
    },
    {
      name: 'tokenType',
      answer: t('tokenType.answer', { value: b.tokenType.value }),
      consequence: t('tokenType.app'),
      verdict: 'fine',
    },
    {
      name: 'expiresIn',
      answer:
        expiresIn === null
          ? t('expiresIn.missing')
          : t('expiresIn.seconds', { seconds: expiresIn }),
      consequence: t(
        expiresIn !== null && expiresIn > shortestUsableSeconds
          ? 'expiresIn.usable.app'
          : 'expiresIn.unusable.app',
      ),
      verdict: 'fine',
    },
    {
      name: 'refreshTokenIssued',
      answer: t(`refreshTokenIssued.${yesNo(b.refreshTokenIssued.value)}`),
      consequence: t(`refreshTokenIssued.${yesNo(b.refreshTokenIssued.value)}.app`),
      verdict: verdict(!b.refreshTokenIssued.value),
    },
    {
      name: 'refreshTokenRotates',
      answer: t(`refreshTokenRotates.${rotation}`),
      consequence: t(`refreshTokenRotates.${rotation}.app`),
      verdict: verdict(rotates === false),
    },
    {
      name: 'tokenCors',
      answer: t(`tokenCors.${yesNo(b.tokenCors.value)}`),
      consequence: t(`tokenCors.${yesNo(b.tokenCors.value)}.app`),
      verdict: verdict(!b.tokenCors.value),
    },
    {
      name: 'apiCors',
      answer: t(`apiCors.${yesNo(b.apiCors.value)}`),
      consequence: t(`apiCors.${yesNo(b.apiCors.value)}.app`),
      verdict: verdict(config.apiMode === 'direct' && !b.apiCors.value),
    },
    {
      name: 'bearerAccepted',
      answer: t(`bearerAccepted.${yesNo(b.bearerAccepted.value)}`),
      consequence: t('bearerAccepted.app'),
      verdict: 'fine',
    },
    {
      name: 'authError',
      answer:
        b.authError.status === 0
          ? t('authError.noAnswer')
          : t('authError.answer', {
              status: b.authError.status,
              errorClass: b.authError.errorClass ?? t('authError.noClass'),
            }),
      consequence: t('authError.app'),
      verdict: 'fine',
    },
    {
      name: 'tokenErrorStyle',
      answer: t(`tokenErrorStyle.${b.tokenErrorStyle.value}`),
      consequence: t(
        b.tokenErrorStyle.value === 'unknown'
          ? 'tokenErrorStyle.unknown.app'
          : 'tokenErrorStyle.known.app',
      ),
      verdict: 'fine',
    },
    {
      name: 'myWorkObjCode',
      answer: t(`myWorkObjCode.${b.myWorkObjCode.value}`),
      consequence: t(`myWorkObjCode.${b.myWorkObjCode.value}.app`),
      verdict: 'fine',
    },
    {
      name: 'myWorkPaging',
      answer: t(`myWorkPaging.${b.myWorkPaging.value}`),
      consequence: t(`myWorkPaging.${b.myWorkPaging.value}.app`),
      verdict: verdict(b.myWorkPaging.value === 'limit-only'),
    },
    {
      name: 'apiVersions',
      answer: t('apiVersions.answer', {
        answered: versions(answered),
        refused: versions(b.apiVersions.refused),
      }),
      consequence: t(versionKey, { version: recommended.apiVersion }),
      verdict: verdict(versionKey !== 'apiVersions.configured.app'),
    },
    {
      name: 'issueStatuses',
      answer: b.issueStatuses.value.length
        ? b.issueStatuses.value.join(', ')
        : t('issueStatuses.none'),
      consequence: t('issueStatuses.app'),
      verdict: 'fine',
    },
  ];
}
