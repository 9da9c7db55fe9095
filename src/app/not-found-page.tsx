import { Link } from 'react-router';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

export function NotFoundPage() {
  const t = useMessages(messages);
  return (
    <main className="centered-page">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <Link to="/">{t('toStart')}</Link>
    </main>
  );
}
