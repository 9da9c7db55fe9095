import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

/** The app's code did not arrive: nothing is lost, a reload tries again. */
export function AppLoadFailure() {
  const t = useMessages(messages);
  return (
    <main className="centered-page" role="alert">
      <h1>{t('errorTitle')}</h1>
      <p>{t('loadFailed')}</p>
      <button
        type="button"
        className="primary"
        onClick={() => {
          window.location.reload();
        }}
      >
        {t('reload')}
      </button>
    </main>
  );
}
