/**
 * Verified domains: an email domain a workspace proved it owns by a DNS TXT
 * record, and what then happens to people with an address there.
 */

/**
 * What a verified domain does for a person whose login email is there:
 * - `none`: nothing;
 * - `suggest`: the workspace is suggested in their workspaces, and they may ask to join;
 * - `join`: they join at once, seat permitting (as the quick-join link's allowed domains);
 * - `sso`: they must sign in through the workspace's single sign-on.
 */
export const DOMAIN_JOIN_MODES = ['none', 'suggest', 'join', 'sso'] as const;
export type DomainJoinMode = (typeof DOMAIN_JOIN_MODES)[number];

/** The name the TXT record is put under: `_gatehouse-challenge.<domain>`. */
export const DOMAIN_CHALLENGE_LABEL = '_gatehouse-challenge';
/** The record's value begins with this, then the domain's own random token. */
export const DOMAIN_CHALLENGE_PREFIX = 'gatehouse-domain-verification=';

export const DOMAINS_PER_WORKSPACE = 20;
export const DOMAIN_MAX_LENGTH = 253;
/** A verified domain is checked again this often; a record gone since the last check unverifies it. */
export const DOMAIN_RECHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function challengeRecordName(domain: string): string {
  return `${DOMAIN_CHALLENGE_LABEL}.${domain}`;
}

export function challengeRecordValue(token: string): string {
  return `${DOMAIN_CHALLENGE_PREFIX}${token}`;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The domain as Gatehouse keeps it: lower case, IDN as punycode, no trailing
 * dot; null when it is not a domain people can have addresses at (one label,
 * an IP address, a bad label, too long). An address is taken as its domain.
 */
export function normalizeDomain(input: string): string | null {
  let value = input.trim().toLowerCase();
  if (value.includes('@')) value = value.slice(value.lastIndexOf('@') + 1);
  value = value.replace(/\.$/, '');
  if (!value || value.length > DOMAIN_MAX_LENGTH || /[\s/:?#[\]\\]/.test(value)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${value}`).hostname;
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // A top-level label is never all digits: that is an IPv4 address.
  if (/^\d+$/.test(labels.at(-1)!)) return null;
  return ascii.length <= DOMAIN_MAX_LENGTH ? ascii : null;
}

/** The domain of a login email (already normalized), for matching verified domains. */
export function domainOfEmail(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
