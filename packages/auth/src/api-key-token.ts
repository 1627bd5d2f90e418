import { API_KEY_PREFIX, SCIM_TOKEN_PREFIX } from '@gatehouse/domain';
import { generateOneTimeToken, hashOneTimeToken } from './one-time-token.ts';

/*
 * Keys for machines: an API key for scripts, a SCIM token for a company's
 * directory. Each is its prefix and 160 random bits (one word to copy); only
 * the SHA-256 of the random part is kept, as the lookup: a key is not a
 * password, so nothing can be guessed from a plain hash of it. Lists show the
 * prefix and six characters, enough to recognise, far too few to guess the rest.
 */

function generatePrefixed(prefix: string): { key: string; hash: string; hint: string } {
  const { token, hash } = generateOneTimeToken();
  const key = `${prefix}${token}`;
  return { key, hash, hint: key.slice(0, prefix.length + 6) };
}

function hashPrefixed(prefix: string, key: string): string | null {
  return key.startsWith(prefix) ? hashOneTimeToken(key.slice(prefix.length)) : null;
}

export function generateApiKey(): { key: string; hash: string; hint: string } {
  return generatePrefixed(API_KEY_PREFIX);
}

/** Whether a bearer token is meant as an API key (and so is never tried as a session token). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** The stored form of a presented key; null when it cannot be one of ours. */
export function hashApiKey(key: string): string | null {
  return hashPrefixed(API_KEY_PREFIX, key);
}

export function generateScimToken(): { key: string; hash: string; hint: string } {
  return generatePrefixed(SCIM_TOKEN_PREFIX);
}

/** The stored form of a presented SCIM token; null when it cannot be one. */
export function hashScimToken(token: string): string | null {
  return hashPrefixed(SCIM_TOKEN_PREFIX, token);
}
