import type { ReactNode } from 'react';
import { useMessages } from '../i18n/i18n-context';
import { LayoutHeader } from './layout-header';
import { MainContent } from './main-content';
import { messages } from './messages';

/** Every page: the skip link first, then the header and the content. */
export function PageLayout({ children }: { children: ReactNode }) {
  const t = useMessages(messages);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {children}
    </div>
  );
}

export function SignedOutLayout({ children, badge }: { children: ReactNode; badge?: ReactNode }) {
  return (
    <>
      <LayoutHeader>{badge}</LayoutHeader>
      <MainContent>{children}</MainContent>
    </>
  );
}
