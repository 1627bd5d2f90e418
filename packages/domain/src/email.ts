/** RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets, so an address at most 254 characters. */
export const EMAIL_MAX_LENGTH = 254;
/** RFC 5321 §4.5.3.1.1 */
const LOCAL_PART_MAX_LENGTH = 64;

/** The domain in its ASCII (punycode, RFC 5891) form, through the WHATWG URL parser; null when it is no host name. */
function asciiDomain(domain: string): string | null {
  if (!domain || /[/?#:\\@[\]%\s]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * The one form an email address is stored and compared in: trimmed,
 * Unicode-normalised (NFKC), lower-cased, its domain in ASCII (punycode), so
 * "Anna@Example.COM " and "anna@example.com", "a@bücher.de" and
 * "a@xn--bcher-kva.de" are the same login.
 */
export function normalizeEmail(raw: string): string {
  const lowered = raw.normalize('NFKC').trim().toLowerCase();
  const at = lowered.lastIndexOf('@');
  if (at < 0) return lowered;
  const domain = asciiDomain(lowered.slice(at + 1));
  return domain ? `${lowered.slice(0, at)}@${domain}` : lowered;
}

/** RFC 5322 §3.2.3 atext, as a dot-atom: what a mailbox's local part may be without quoting. */
const DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** RFC 1035 §2.3.1 / RFC 5890 labels: letters, digits, inner hyphens; the top level is no number. */
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A normalised address a mail server will take: an unquoted ASCII local part
 * (no quoted strings, no comments, nothing invisible) and a host name of at
 * least two labels. Non-ASCII local parts (RFC 6531) are refused: few servers
 * deliver them, and they are the easiest look-alike logins.
 */
export function isPlausibleEmail(normalized: string): boolean {
  if (normalized.length > EMAIL_MAX_LENGTH) return false;
  const at = normalized.lastIndexOf('@');
  if (at < 1) return false;
  const local = normalized.slice(0, at);
  const domain = normalized.slice(at + 1);
  if (local.length > LOCAL_PART_MAX_LENGTH || !DOT_ATOM.test(local)) return false;
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels.at(-1)!);
}

/** The domain part, for allowed-domain rules. */
export function emailDomain(normalized: string): string {
  return normalized.slice(normalized.lastIndexOf('@') + 1);
}
