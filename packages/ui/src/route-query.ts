import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

/**
 * A page's filter kept in its address (`?tab=invited&q=anna`): Back, a
 * reload or a shared link shows the same list. Writes made in one tick go
 * out as one replacement, so setting two filters at once keeps both.
 */
export function useRouteQuery(): (name: string) => WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  let pending: Record<string, string> | null = null;
  const flush = (): void => {
    if (!pending) return;
    const query: LocationQuery = { ...route.query };
    for (const [name, value] of Object.entries(pending)) {
      if (value) query[name] = value;
      else delete query[name];
    }
    pending = null;
    void router.replace({ query });
  };
  return (name) =>
    computed({
      get: () => {
        const value = route.query[name];
        return typeof value === 'string' ? value : '';
      },
      set: (value) => {
        if (!pending) queueMicrotask(flush);
        pending = { ...(pending ?? {}), [name]: value };
      },
    });
}
