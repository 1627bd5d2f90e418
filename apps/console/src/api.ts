import { createApi } from '@gatehouse/ui';
import { i18n } from './i18n/index.ts';

export const api = createApi({ locale: () => i18n.global.locale.value });
