import { LOCALES, type Locale } from '@gatehouse/domain';
import { sharedMessages } from './index.ts';

function leaves(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (value && typeof value === 'object' ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function textAt(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** The names a message interpolates ({actor}, {count}): every language must offer the same. */
function placeholders(text: unknown): string {
  return typeof text === 'string' ? [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort().join(',') : '';
}

/** Which of `keys` a language lacks as a text of its own (an audit event without its sentence, say). */
export function missingTexts(appMessages: Record<Locale, object>, keys: readonly string[]): string[] {
  return LOCALES.flatMap((locale) => keys.filter((key) => typeof textAt(appMessages[locale], key) !== 'string').map((key) => `${locale} lacks ${key}`));
}

/**
 * What is wrong with an SPA's messages: a key one language has and another
 * lacks, or a key that repeats one of the shared blocks (each text has one
 * place). Empty when all is well.
 */
export function messageProblems(appMessages: Record<Locale, object>): string[] {
  const problems: string[] = [];
  const shared = new Set(leaves(sharedMessages.en));
  const reference = new Set(leaves(appMessages.en));
  for (const locale of LOCALES) {
    const keys = new Set(leaves(appMessages[locale]));
    for (const key of reference) if (!keys.has(key)) problems.push(`${locale} lacks ${key}`);
    for (const key of keys) if (!reference.has(key)) problems.push(`${locale} has ${key}, which en lacks`);
    for (const key of keys) if (shared.has(key)) problems.push(`${locale} repeats the shared ${key}`);
    for (const key of keys) {
      if (reference.has(key) && placeholders(textAt(appMessages[locale], key)) !== placeholders(textAt(appMessages.en, key))) problems.push(`${locale} ${key} names other placeholders than en`);
    }
    const sharedHere = new Set(leaves(sharedMessages[locale]));
    for (const key of shared) if (!sharedHere.has(key)) problems.push(`shared ${locale} lacks ${key}`);
  }
  return problems;
}
