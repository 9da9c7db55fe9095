import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { SessionBadge } from '../session/session-badge';
import { OfflineBanner } from './offline-banner';

export function LayoutHeader({ children }: { children?: ReactNode }) {
  return (
    <>
      <header className="layout-header">
        <Link to="/" className="brand">
          Workfront
        </Link>
        {children}
        <SessionBadge />
      </header>
      <OfflineBanner />
    </>
  );
}
