import { createContext, use } from 'react';
import type { DataLayer } from './data-layer';

/** The data layer's chunk, loading or loaded; the same promise for the whole page's life. */
export const DataLayerContext = createContext<(() => Promise<DataLayer>) | null>(null);

/** Suspends until the data layer's chunk is here. */
export function useDataLayer(): DataLayer {
  const load = use(DataLayerContext);
  if (!load) throw new Error('useDataLayer must be used inside <DataLayerContext>');
  return use(load());
}
