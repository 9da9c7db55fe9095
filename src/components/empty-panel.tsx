import type { ReactNode } from 'react';

/** What a screen says when its list has nothing to show, with any way out (e.g. a button). */
export function EmptyPanel({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="panel empty-state">
      <p>{message}</p>
      {children}
    </div>
  );
}
