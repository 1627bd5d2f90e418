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
