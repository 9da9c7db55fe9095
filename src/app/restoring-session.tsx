import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

export function RestoringSession() {
  const t = useMessages(messages);
  return (
    <main className="centered-page" aria-busy="true">
      <p role="status">{t('restoring')}</p>
    </main>
  );
}
