/** A workspace address: lower-case letters, digits and inner hyphens. */
export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 40;
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Addresses the product itself uses in URLs, or that would mislead people. */
const RESERVED_SLUGS = new Set([
  'admin', 'api', 'app', 'assets', 'auth', 'console', 'help', 'healthz', 'login',
  'mail', 'platform', 'portal', 'readyz', 'root', 'security', 'signin', 'signup',
  'staff', 'static', 'support', 'system', 'trpc', 'www',
]);

export type SlugProblem = 'length' | 'characters' | 'reserved';

export function checkSlug(slug: string): SlugProblem | null {
  if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH) return 'length';
  if (!SLUG_PATTERN.test(slug) || slug.includes('--')) return 'characters';
  if (RESERVED_SLUGS.has(slug)) return 'reserved';
  return null;
}

/** A suggestion derived from a workspace name: "Acme & Co." → "acme-co". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
}
