import { createI18n, type LocaleMessages, type VueMessageType } from 'vue-i18n';
import { DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, type Locale } from '@gatehouse/domain';
import { sharedMessages } from './i18n/index.ts';

const STORAGE_KEY = 'gatehouse.locale';

/** The person's choice if they made one, else the browser's languages, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  return negotiateLocale(navigator.languages.join(',')) ?? DEFAULT_LOCALE;
}

/** `extra` laid over `base`, block by block: an app adds keys to a shared block, or its own blocks. */
function mergeMessages(base: object, extra: object): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const under = merged[key];
    merged[key] = value && typeof value === 'object' && under && typeof under === 'object' ? mergeMessages(under, value) : value;
  }
  return merged;
}

/** Composition-mode i18n for one SPA: the shared blocks, then the SPA's own screens' messages, in every language. */
export function createAppI18n(appMessages: Record<Locale, object>) {
  const messages = Object.fromEntries(LOCALES.map((code) => [code, mergeMessages(sharedMessages[code], appMessages[code])]));
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

const CHOSEN_KEY = 'gatehouse.locale.chosen';

/** A language the person picked in the switcher before signing in: it outlives the sign-in, and they are asked whether to keep it. */
export const chosenLocale = {
  get(): Locale | null {
    const value = sessionStorage.getItem(CHOSEN_KEY);
    return isLocale(value) ? value : null;
  },
  set(locale: Locale): void {
    sessionStorage.setItem(CHOSEN_KEY, locale);
  },
  clear(): void {
    sessionStorage.removeItem(CHOSEN_KEY);
  },
};

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch', it: 'Italiano' };
export { LOCALES, type Locale };
