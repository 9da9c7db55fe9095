import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

/** Last line of defence: an error that escaped a screen still gets a message and a way on. */
export function RouteError() {
  const error = useRouteError();
  const t = useMessages(messages);
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="centered-page" role="alert">
      <h1>{t('errorTitle')}</h1>
      <p>{detail}</p>
      <p>
        <button
          type="button"
          onClick={() => {
            window.location.reload();
          }}
        >
          {t('reload')}
        </button>{' '}
        <Link to="/">{t('toStart')}</Link>
      </p>
    </main>
  );
}
