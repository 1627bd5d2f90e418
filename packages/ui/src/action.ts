import { ref } from 'vue';
import { failureOf, type AppFailure } from './api.ts';

/**
 * One user action at a time on a form: `busy` while it runs (buttons
 * disable), its failure kept in the API's own words (and field errors) for
 * the form to show. `run` resolves true when the action succeeded.
 */
export function useAction(fallbackMessage: () => string) {
  const busy = ref(false);
  const failure = ref<AppFailure | null>(null);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    failure.value = null;
    try {
      await action();
      return true;
    } catch (error) {
      failure.value = failureOf(error, fallbackMessage());
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, failure, run };
}
