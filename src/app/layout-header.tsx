import type { ReactNode } from 'react';
import { Link } from 'react-router';
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
        <Link to="/" className="brand">
          {t('brand')}
        </Link>
        {children}
        <SessionBadge />
        <LanguageSwitcher label={t('language')} />
      </header>
      <OfflineBanner />
    </>
  );
}
