export { createApi, failureOf, type Api, type AppFailure } from './api.ts';
export { createAppI18n, initialLocale, rememberLocale, LANGUAGE_NAMES, LOCALES, type Locale } from './i18n.ts';
export { describeUserAgent } from './device.ts';
export { useProfileLocale } from './profile-locale.ts';
export { useAction } from './action.ts';
export { SESSION_KEY, useRefreshSession, useSession } from './session.ts';
export { reauthLabels, useReauthentication, type Proof } from './reauthentication.ts';
