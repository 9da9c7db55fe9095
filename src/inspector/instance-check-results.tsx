import { useAppConfig } from '../config/config-context';
import type { PlainKey } from '../i18n/catalog';
import { useMessages } from '../i18n/i18n-context';
import {
  describeProfileProblems,
  recommendedConfig,
  recommendedConfigFile,
  type InstanceProfile,
} from '../workfront/instance-profile';
import { instanceCheckResultsMessages } from './instance-check-results-messages';
import { behaviourRows } from './instance-check-rows';
import { profileFileName } from './use-instance-check';

type Key = PlainKey<(typeof instanceCheckResultsMessages)['en']>;
type T = ReturnType<typeof useMessages<(typeof instanceCheckResultsMessages)['en']>>;

/** The message for `<prefix>.<name>`, or the name itself when the catalog has none. */
function known(prefix: 'label' | 'reason', name: string, t: T): string {
  const key = `${prefix}.${name}`;
  return key in instanceCheckResultsMessages.en ? t(key as Key) : name;
}

/** A probe's label: its behaviour's, with what follows the name (`apiVersions v17.0`) kept. */
function probeLabel(probe: string, t: T): string {
  const [name = '', ...rest] = probe.split(' ');
  return [known('label', name, t), ...rest].join(' ');
}

function NotRun({ profile, t }: { profile: InstanceProfile; t: T }) {
  return (
    <>
      <h3>{t('notRunTitle')}</h3>
      {profile.notRun.length === 0 ? (
        <p className="muted">{t('allRan')}</p>
      ) : (
        <ul aria-label={t('notRunTitle')}>
          {profile.notRun.map(({ probe, reason }) => (
            <li key={`${probe} ${reason}`}>
              {t('notRunItem', { probe: probeLabel(probe, t), reason: known('reason', reason, t) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A finished check: each answer beside what the app does, the profile, and config.json. */
export function InstanceCheckResults({
  profile,
  downloadUrl,
}: {
  profile: InstanceProfile;
  downloadUrl: string;
}) {
  const t = useMessages(instanceCheckResultsMessages);
  const config = useAppConfig();
  const recommended = recommendedConfig(profile, config);
  const problems = describeProfileProblems(profile, config);
  return (
    <>
      <h3 id="instance-check-results-heading">{t('resultsTitle')}</h3>
      <table className="parameters" aria-labelledby="instance-check-results-heading">
        <thead>
          <tr>
            <th scope="col">{t('behaviour')}</th>
            <th scope="col">{t('verdict')}</th>
            <th scope="col">{t('answer')}</th>
            <th scope="col">{t('consequence')}</th>
          </tr>
        </thead>
        <tbody>
          {behaviourRows(profile, recommended, config, t).map((row) => (
            <tr key={row.name}>
              <th scope="row">{t(`label.${row.name}`)}</th>
              <td className={row.verdict === 'action' ? 'error-text' : undefined}>
                {t(`verdict.${row.verdict}`)}
              </td>
              <td>{row.answer}</td>
              <td>{row.consequence}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <>
          <h3>{t('problemsTitle')}</h3>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{t(`problem.${problem}`)}</li>
            ))}
          </ul>
        </>
      )}
      <NotRun profile={profile} t={t} />
      <p>
        <a href={downloadUrl} download={profileFileName}>
          {t('download')}
        </a>
      </p>
      <h3>{t('configTitle')}</h3>
      <p>{t('configIntro')}</p>
      <pre className="description" data-testid="recommended-config">
        <code>{JSON.stringify(recommendedConfigFile(profile, config), null, 2)}</code>
      </pre>
    </>
  );
}
