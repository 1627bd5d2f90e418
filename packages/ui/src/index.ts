export { createApi, failureOf, messageOfReturnedCode, type Api, type AppFailure } from './api.ts';
export { createAppI18n, initialLocale, rememberLocale, LANGUAGE_NAMES, LOCALES, type Locale } from './i18n.ts';
export { describeUserAgent } from './device.ts';
export { useProfileLocale } from './profile-locale.ts';
export { useAction } from './action.ts';
export { useRefreshSession, useSession } from './session.ts';
export * from './query-keys.ts';
export { reauthLabels, useReauthentication, type Proof } from './reauthentication.ts';
export { sharedMessages } from './i18n/index.ts';
