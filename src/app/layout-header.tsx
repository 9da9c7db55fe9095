import type { ReactNode } from 'react';
import { AppLink } from './app-link';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';
import { OfflineBanner } from './offline-banner';
import { SessionBadge } from './session-badge';

export function LayoutHeader({ children }: { children?: ReactNode }) {
  const t = useMessages(messages);
  return (
    <>
      <header className="layout-header">
        <AppLink to="/" className="brand">
          {t('brand')}
        </AppLink>
        {children}
        <SessionBadge />
        <LanguageSwitcher label={t('language')} />
      </header>
      <OfflineBanner />
    </>
  );
}
