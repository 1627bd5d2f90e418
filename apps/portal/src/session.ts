import { useQuery, useQueryCache } from '@pinia/colada';
import { api } from './api.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in person, or null: shared by the header and every page. */
export function useSession() {
  return useQuery({ key: SESSION_KEY, query: () => api.auth.session.query() });
}

export function useRefreshSession() {
  const cache = useQueryCache();
  return () => cache.invalidateQueries({ key: SESSION_KEY });
}
