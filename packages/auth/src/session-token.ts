import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * A session token is `<id>.<secret>`: the id finds the row, the secret proves
 * possession. Only SHA-256(secret) is stored (the Lucia guide's scheme): the
 * secret has 160 bits of entropy, so a fast hash is enough and a leaked table
 * yields no usable token.
 */
const ID_BYTES = 15; // 120 bits → 24 base32 characters
const SECRET_BYTES = 20; // 160 bits → 32 base32 characters
const TOKEN_PATTERN = /^[a-z2-7]{24}\.[a-z2-7]{32}$/;

function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function generateSessionToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomBase32(ID_BYTES);
  const secret = randomBase32(SECRET_BYTES);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseSessionToken(token: string): { id: string; secret: string } | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [id = '', secret = ''] = token.split('.');
  return { id, secret };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = new TextEncoder().encode(storedHash);
  const actual = new TextEncoder().encode(hashSecret(secret));
  return constantTimeEqual(expected, actual);
}
