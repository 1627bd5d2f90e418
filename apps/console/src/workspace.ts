import { useQuery, useQueryCache } from '@pinia/colada';
import { api } from './api.ts';

/** The workspace as the console shows it; every page of one workspace shares this cache entry. */
export function useWorkspace(slug: () => string) {
  return useQuery({ key: () => ['workspace', slug()], query: () => api.workspace.get.query({ workspace: slug() }) });
}

/** After a membership change: seats, tab counts and lists are all stale. */
export function useRefreshMembership() {
  const cache = useQueryCache();
  // A refetch that fails (a deleted member's page) shows on that page; it is not the action's failure.
  return async (slug: string) => {
    await Promise.allSettled([
      cache.invalidateQueries({ key: ['workspace', slug] }),
      cache.invalidateQueries({ key: ['members', slug] }),
      cache.invalidateQueries({ key: ['member-counts', slug] }),
      cache.invalidateQueries({ key: ['member', slug] }),
      cache.invalidateQueries({ key: ['tasks', slug] }),
      cache.invalidateQueries({ key: ['audit', slug] }),
    ]);
  };
}
