import { useQuery, useQueryCache } from '@pinia/colada';
import { api } from './api.ts';
import { auditKeys, memberKeys, taskKeys, workspaceKeys } from '@gatehouse/ui';

/** The workspace as the console shows it; every page of one workspace shares this cache entry. */
export function useWorkspace(slug: () => string) {
  return useQuery({ key: () => workspaceKeys.one(slug()), query: () => api.workspace.get.query({ workspace: slug() }) });
}

/** After a membership change: seats, tab counts and lists are all stale. */
export function useRefreshMembership() {
  const cache = useQueryCache();
  // A refetch that fails (a deleted member's page) shows on that page; it is not the action's failure.
  return async (slug: string) => {
    await Promise.allSettled([
      cache.invalidateQueries({ key: workspaceKeys.one(slug) }),
      cache.invalidateQueries({ key: memberKeys.all(slug) }),
      cache.invalidateQueries({ key: memberKeys.counts(slug) }),
      cache.invalidateQueries({ key: memberKeys.anyOne(slug) }),
      cache.invalidateQueries({ key: taskKeys.all(slug) }),
      cache.invalidateQueries({ key: auditKeys.all(slug) }),
    ]);
  };
}
