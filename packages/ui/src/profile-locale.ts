import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { chosenLocale, rememberLocale, type Locale } from './i18n.ts';

/**
 * Once signed in, the profile's language wins over the browser's — unless
 * the person picked another one on the way in (on the sign-in page, say):
 * then their pick stays and `offer` asks whether to save it to the profile
 * or to switch to the profile's.
 */
export function useProfileLocale(session: Ref<{ profile: { locale: Locale } } | null | undefined>) {
  const { locale } = useI18n();
  const offer = ref<{ chosen: Locale; profile: Locale } | null>(null);
  const use = (next: Locale): void => {
    locale.value = next;
    rememberLocale(next);
  };
  watch(
    session,
    (value) => {
      const preferred = value?.profile.locale;
      if (!preferred) return;
      const chosen = chosenLocale.get();
      if (chosen && chosen !== preferred) {
        if (locale.value !== chosen) use(chosen);
        offer.value = { chosen, profile: preferred };
        return;
      }
      chosenLocale.clear();
      offer.value = null;
      if (preferred !== locale.value) use(preferred);
    },
    { immediate: true },
  );
  /** The person answered: keep their pick (the caller saves it to the profile) or take the profile's. */
  const settle = (keepChosen: boolean): void => {
    if (offer.value && !keepChosen) use(offer.value.profile);
    chosenLocale.clear();
    offer.value = null;
  };
  return { offer, settle };
}
