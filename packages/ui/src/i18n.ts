import { createI18n, type LocaleMessages, type VueMessageType } from 'vue-i18n';
import { DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, type Locale } from '@gatehouse/domain';

const STORAGE_KEY = 'gatehouse.locale';

/** The person's choice if they made one, else the browser's languages, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  return negotiateLocale(navigator.languages.join(',')) ?? DEFAULT_LOCALE;
}

/** Composition-mode i18n for one SPA; each SPA brings its own messages in every language. */
export function createAppI18n(messages: Record<Locale, object>) {
  const locale = initialLocale();
  document.documentElement.lang = locale;
  const long = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
  const datetimeFormats = Object.fromEntries(LOCALES.map((code) => [code, { long }]));
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: messages as LocaleMessages<Record<string, VueMessageType>>,
    datetimeFormats,
  });
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch', it: 'Italiano' };
export { LOCALES, type Locale };
