import { createContext, use, type ReactNode } from 'react';
import type { WorkfrontClient } from './workfront-client';

const WorkfrontContext = createContext<WorkfrontClient | null>(null);

export function WorkfrontProvider({
  client,
  children,
}: {
  client: WorkfrontClient;
  children: ReactNode;
}) {
  return <WorkfrontContext value={client}>{children}</WorkfrontContext>;
}

export function useWorkfrontClient(): WorkfrontClient {
  const client = use(WorkfrontContext);
  if (!client) throw new Error('useWorkfrontClient must be used inside <WorkfrontProvider>');
  return client;
}
