import { useSyncExternalStore } from 'react';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  const t = useMessages(messages);
  if (online) return null;
  return (
    <div className="offline-banner" role="status">
      {t('offline')}
    </div>
  );
}
