import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useMessages } from '../i18n/i18n-context';
import { messages } from './messages';

/**
 * The signed-in header's links and controls. On a desk they sit in the header's one row; on a
 * phone they fold behind "Menu", the browser's own disclosure (app.css shows and hides them).
 */
export function HeaderMenu({ children }: { children?: ReactNode }) {
  const t = useMessages(messages);
  // Each page gets the menu anew, closed: following one of its links closes it.
  const { key } = useLocation();
  return (
    <details key={key} className="header-menu">
      <summary>{t('menu')}</summary>
      {children}
    </details>
  );
}
