import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS } from '@gatehouse/domain';
import { sentenceKeys } from '@gatehouse/ui';
import { messageProblems, missingTexts } from '@gatehouse/ui/i18n-check';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it as italian } from './it.ts';

const messages = { en, fr, de, it: italian };

describe('the console’s messages', () => {
  it('has every text in all four languages, with the same placeholders, and none that repeats a shared block', () => {
    expect(messageProblems(messages)).toEqual([]);
  });

  it('tells every audit event as a sentence, and names every event and kind in the trail’s filter', () => {
    expect(missingTexts(messages, sentenceKeys('audit.events'))).toEqual([]);
    expect(missingTexts(messages, AUDIT_ACTIONS.map((action) => `audit.actions.${action}`))).toEqual([]);
    expect(missingTexts(messages, AUDIT_ACTION_GROUPS.map((group) => `audit.kinds.${group}`))).toEqual([]);
  });
});
