import { createAppI18n } from '@gatehouse/ui';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';

export const messages = { en, fr, de, it };
export const i18n = createAppI18n(messages);
