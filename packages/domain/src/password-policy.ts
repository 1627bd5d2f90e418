/**
 * NIST SP 800-63B-4 §3.1.1.2: a password chosen by its owner is at least 15
 * characters when it is the only factor, may be at least 64 long (we allow
 * 256), has no composition rules, and each Unicode code point counts as one
 * character after normalisation.
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long';

export function normalizePassword(raw: string): string {
  return raw.normalize('NFKC');
}

export function passwordLength(raw: string): number {
  return [...normalizePassword(raw)].length;
}

export function checkPassword(raw: string): PasswordProblem | null {
  const length = passwordLength(raw);
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}

export type PasswordWeakness = 'common' | 'context';

/** The longest entry of the common-password list worth splitting a password into. */
const MAX_WORD = 24;

/**
 * NIST SP 800-63B-4 §3.1.1.2: refuse passwords found in lists of commonly
 * used or breached passwords, and ones made of context words (the service's
 * name, the person's address). A long password made only of common ones
 * ("passwordpassword", "qwerty123456789") is refused too.
 */
export function passwordWeakness(raw: string, options: { common: ReadonlySet<string>; context: readonly string[] }): PasswordWeakness | null {
  const password = normalizePassword(raw).toLowerCase();
  const compact = password.replace(/[\s._-]+/g, '');
  if (options.common.has(password) || options.common.has(compact)) return 'common';
  if (isMadeOfCommonWords(compact, options.common)) return 'common';
  if (/^(.)\1+$/u.test(compact)) return 'common';
  for (const word of options.context) {
    const clean = word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (clean.length >= 4 && compact.includes(clean) && compact.length - clean.length < 8) return 'context';
  }
  return null;
}

/** Whether `text` splits into at most three entries of `common` (dynamic programming over prefixes). */
function isMadeOfCommonWords(text: string, common: ReadonlySet<string>): boolean {
  const pieces: number[] = new Array(text.length + 1).fill(Infinity);
  pieces[0] = 0;
  for (let end = 1; end <= text.length; end++) {
    for (let start = Math.max(0, end - MAX_WORD); start < end; start++) {
      if (pieces[start]! + 1 < pieces[end]! && end - start >= 3 && common.has(text.slice(start, end))) pieces[end] = pieces[start]! + 1;
    }
  }
  return pieces[text.length]! <= 3;
}
