import type { ReactNode } from 'react';
import { useAppConfig } from '../config/config-context';
import { AppLink } from './app-link';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';
import { OfflineBanner } from './offline-banner';
import { SessionBadge } from './session-badge';

export function LayoutHeader({ children }: { children?: ReactNode }) {
  const t = useMessages(messages);
  const { inspector } = useAppConfig();
  return (
    <>
      <header className="layout-header">
        <AppLink to="/" className="brand">
          {t('brand')}
        </AppLink>
        {children}
        {inspector && <SessionBadge />}
        <LanguageSwitcher label={t('language')} />
      </header>
      <OfflineBanner />
    </>
  );
}
