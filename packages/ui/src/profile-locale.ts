import { watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { rememberLocale, type Locale } from './i18n.ts';

/** Once signed in, the profile's language wins over the browser's (the header's switcher saves to the profile). */
export function useProfileLocale(session: Ref<{ profile: { locale: Locale } } | null | undefined>): void {
  const { locale } = useI18n();
  watch(session, (value) => {
    const preferred = value?.profile.locale;
    if (preferred && preferred !== locale.value) {
      locale.value = preferred;
      rememberLocale(preferred);
    }
  });
}
