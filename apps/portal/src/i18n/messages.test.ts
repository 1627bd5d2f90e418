import { describe, expect, it } from 'vitest';
import { messageProblems } from '@gatehouse/ui/i18n-check';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it as italian } from './it.ts';

const messages = { en, fr, de, it: italian };

describe('the portal’s messages', () => {
  it('has every text in all four languages, and none that repeats a shared block', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
