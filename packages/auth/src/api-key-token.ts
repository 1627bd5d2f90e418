import { API_KEY_PREFIX } from '@gatehouse/domain';
import { generateOneTimeToken, hashOneTimeToken } from './one-time-token.ts';

/** How much of a key lists show: the prefix and six characters, enough to recognise and far too few to guess the rest. */
const HINT_LENGTH = API_KEY_PREFIX.length + 6;

/**
 * A new API key: the prefix and 160 random bits (one word to copy). Only
 * the SHA-256 of the random part is kept, as the lookup: the key is not a
 * password, so nothing can be guessed from a plain hash of it.
 */
export function generateApiKey(): { key: string; hash: string; hint: string } {
  const { token, hash } = generateOneTimeToken();
  const key = `${API_KEY_PREFIX}${token}`;
  return { key, hash, hint: key.slice(0, HINT_LENGTH) };
}

/** Whether a bearer token is meant as an API key (and so is never tried as a session token). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** The stored form of a presented key; null when it cannot be one of ours. */
export function hashApiKey(key: string): string | null {
  return isApiKeyToken(key) ? hashOneTimeToken(key.slice(API_KEY_PREFIX.length)) : null;
}
