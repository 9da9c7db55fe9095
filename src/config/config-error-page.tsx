import { useMessages } from '../i18n/i18n-context';
import { ConfigError } from './app-config';
import { messages } from './messages';

export function ConfigErrorPage({ error }: { error: unknown }) {
  const t = useMessages(messages);
  const known = error instanceof ConfigError ? error : undefined;
  return (
    <main className="centered-page" role="alert">
      <h1>{t('title')}</h1>
      {known ? (
        <>
          <p>
            {t('field', {
              field: known.field,
              problem: t(`problem.${known.problem}`, { value: known.value }),
            })}
          </p>
          <p>{t(`fix.${known.field}`)}</p>
        </>
      ) : (
        <p>{String(error)}</p>
      )}
      <p>{t('where')}</p>
      <button
        type="button"
        onClick={() => {
          window.location.reload();
        }}
      >
        {t('reload')}
      </button>
    </main>
  );
}
