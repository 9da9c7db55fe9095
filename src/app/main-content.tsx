import type { ReactNode } from 'react';

/** The skip link's target. */
export function MainContent({ children }: { children: ReactNode }) {
  return (
    <div id="main" tabIndex={-1}>
      {children}
    </div>
  );
}
