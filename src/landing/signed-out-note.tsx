import { useAppConfig } from '../config/config-context';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './signed-out-messages';

/**
 * What the start page says after "Sign out". The app's tokens are gone, but Workfront's own
 * session in this browser is not, and a sign-in rides on it with no password: on a shared
 * computer the next person would be let in. A chunk of its own, loaded only after a sign-out,
 * since the start page's code is on every page's path.
 */
export default function SignedOutNote() {
  const t = useMessages(messages);
  const { workfrontSignOutUrl } = useAppConfig();
  return (
    <div role="status">
      <p>{t('signedOut')}</p>
      <p>{t('stillSignedIn')}</p>
      <p>
        {workfrontSignOutUrl ? (
          <a href={workfrontSignOutUrl}>{t('signOutOfWorkfront')}</a>
        ) : (
          t('noSignOutLink')
        )}
      </p>
    </div>
  );
}
