import { describe, expect, it } from 'vitest';
import { SECURITY_ACTIONS } from '@gatehouse/domain';
import { sentenceKeys } from '@gatehouse/ui';
import { messageProblems, missingTexts } from '@gatehouse/ui/i18n-check';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it as italian } from './it.ts';

const messages = { en, fr, de, it: italian };

describe('the portal’s messages', () => {
  it('has every text in all four languages, with the same placeholders, and none that repeats a shared block', () => {
    expect(messageProblems(messages)).toEqual([]);
  });

  it('tells every event of a person’s security history as a sentence', () => {
    expect(missingTexts(messages, sentenceKeys('security.events.actions', SECURITY_ACTIONS))).toEqual([]);
  });
});
