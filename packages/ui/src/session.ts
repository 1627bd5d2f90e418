import { useQuery, useQueryCache } from '@pinia/colada';
import type { Api } from './api.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in person, or null: one cached query shared by the header and every page of an app. */
export function useSession(api: Api) {
  return useQuery({ key: SESSION_KEY, query: () => api.auth.session.query() });
}

/** Asks again who is signed in (after signing in or out). */
export function useRefreshSession() {
  const cache = useQueryCache();
  return () => cache.invalidateQueries({ key: SESSION_KEY });
}
