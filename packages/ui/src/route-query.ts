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
  // The query last asked for: a write made while that navigation is still on its way builds on it, not on the address it replaces.
  let requested: LocationQuery | null = null;
  const flush = (): void => {
    if (!pending) return;
    const query: LocationQuery = { ...(requested ?? route.query) };
    for (const [name, value] of Object.entries(pending)) {
      if (value) query[name] = value;
      else delete query[name];
    }
    pending = null;
    requested = query;
    void router.replace({ query }).finally(() => {
      if (requested === query) requested = null;
    });
  };
  const current = (name: string): string => {
    const value = (requested ?? route.query)[name];
    return typeof value === 'string' ? value : '';
  };
  return (name) =>
    computed({
      get: () => {
        const value = route.query[name];
        return typeof value === 'string' ? value : '';
      },
      set: (value) => {
        if (!pending && value === current(name)) return;
        if (!pending) queueMicrotask(flush);
        pending = { ...(pending ?? {}), [name]: value };
      },
    });
}
