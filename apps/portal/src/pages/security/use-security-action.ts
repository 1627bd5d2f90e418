import { useQueryCache } from '@pinia/colada';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { profileKeys, sessionKeys, useAction } from '@gatehouse/ui';

/**
 * One section's action: its own busy state, failure and notice, and after a
 * change the profile's security facts (two-step status, linked accounts,
 * history) are asked again, wherever on the page they show, and the
 * session too (a second step set up ends a workspace's set-up-only hold).
 */
export function useSecurityAction() {
  const { t } = useI18n();
  const cache = useQueryCache();
  const { busy, failure, run } = useAction(() => t('errors.generic'));
  const notice = ref<string | null>(null);
  async function act(action: () => Promise<void>): Promise<boolean> {
    notice.value = null;
    const done = await run(action);
    if (done) {
      await Promise.allSettled([profileKeys.twoFactor, profileKeys.identities, profileKeys.passkeys, profileKeys.securityEvents, sessionKeys.current].map((key) => cache.invalidateQueries({ key })));
    }
    return done;
  }
  return { busy, failure, notice, act };
}
