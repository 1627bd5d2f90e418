/** RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets, so an address at most 254 characters. */
export const EMAIL_MAX_LENGTH = 254;

/**
 * The one form an email address is stored and compared in: trimmed,
 * Unicode-normalised (NFKC) and lower-cased, so "Anna@Example.COM " and
 * "anna@example.com" are the same login.
 */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function isPlausibleEmail(normalized: string): boolean {
  return normalized.length <= EMAIL_MAX_LENGTH && EMAIL_SHAPE.test(normalized);
}

/** The domain part, for allowed-domain rules. */
export function emailDomain(normalized: string): string {
  return normalized.slice(normalized.lastIndexOf('@') + 1);
}
