import type { Locale } from '@gatehouse/domain';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';

/** The blocks both SPAs use (common words, errors, fields, sign-in, two-step, confirmation, roles, statuses), once per language. */
export const sharedMessages: Record<Locale, object> = { en, fr, de, it };
