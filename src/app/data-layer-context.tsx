import { createContext, use } from 'react';
import type { DataLayer } from './data-layer';

/** The one data layer of the page: its QueryClient and Workfront client. */
export const DataLayerContext = createContext<DataLayer | null>(null);

export function useDataLayer(): DataLayer {
  const dataLayer = use(DataLayerContext);
  if (!dataLayer) throw new Error('useDataLayer must be used inside <DataLayerContext>');
  return dataLayer;
}
