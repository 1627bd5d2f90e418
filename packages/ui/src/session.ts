import { useQuery, useQueryCache } from '@pinia/colada';
import type { Api } from './api.ts';
import { sessionKeys } from './query-keys.ts';

/** The signed-in person, or null: one cached query shared by the header and every page of an app. */
export function useSession(api: Api) {
  return useQuery({ key: sessionKeys.current, query: () => api.auth.session.query() });
}

/** Asks again who is signed in (after signing in or out). */
export function useRefreshSession() {
  const cache = useQueryCache();
  return () => cache.invalidateQueries({ key: sessionKeys.current });
}
