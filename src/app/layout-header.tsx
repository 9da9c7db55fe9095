import { Fragment, type ComponentType, type ReactNode } from 'react';
import { AppLink } from './app-link';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';
import { OfflineBanner } from './offline-banner';

/** The header of every page; `Menu` holds its links and controls (header-menu.tsx). */
export function LayoutHeader({
  children,
  Menu = Fragment,
}: {
  children?: ReactNode;
  Menu?: ComponentType<{ children?: ReactNode }>;
}) {
  const t = useMessages(messages);
  return (
    <>
      <header className="layout-header">
        <AppLink to="/" className="brand">
          {t('brand')}
        </AppLink>
        <Menu>
          {children}
          <LanguageSwitcher label={t('language')} />
        </Menu>
      </header>
      <OfflineBanner />
    </>
  );
}
