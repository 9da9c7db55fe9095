import { Link } from 'react-router';
import { useMessages } from '../i18n/i18n-context';
import { notFoundMessages as messages } from './not-found-messages';
import { usePageTitle } from './use-page-title';

export function NotFoundPage() {
  const t = useMessages(messages);
  usePageTitle(t('title'));
  return (
    <main className="centered-page">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link to="/">{t('toStart')}</Link>
    </main>
  );
}
