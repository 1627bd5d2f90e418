import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { hashSecret } from './session-token.ts';

/** 160 bits: enough that a mailed link cannot be guessed, even with many tries. */
const TOKEN_BYTES = 20;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** A single-use link token and the only thing stored about it: its SHA-256. */
export function generateOneTimeToken(): { token: string; hash: string } {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
  return { token, hash: hashSecret(token) };
}

/** The stored form of a token someone presents; null when it cannot be one of ours. */
export function hashOneTimeToken(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? hashSecret(token) : null;
}

/** A keyed secret derived from what it protects (RFC 2104 HMAC-SHA-256), recomputable but never stored. */
export function derivedSecret(key: Uint8Array, purpose: string): string {
  return encodeBase32LowerCaseNoPadding(hmac(SHA256, key, new TextEncoder().encode(purpose))).slice(0, 32);
}

export function derivedSecretMatches(key: Uint8Array, purpose: string, presented: string): boolean {
  const expected = new TextEncoder().encode(derivedSecret(key, purpose));
  const actual = new TextEncoder().encode(presented);
  return expected.length === actual.length && constantTimeEqual(expected, actual);
}

/** A short code to type from a mail (six digits, uniformly drawn: rejection sampling keeps every code equally likely). */
export function generateDigitCode(): string {
  const values = new Uint32Array(1);
  do crypto.getRandomValues(values);
  while (values[0]! >= 4_294_000_000);
  return String(values[0]! % 1_000_000).padStart(6, '0');
}

/** A password for direct registration: shown once in the mail, changed at the first sign-in. */
export function generatePassword(): string {
  // 16 base32 characters = 80 bits, grouped for reading off a mail.
  const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
  return raw.match(/.{4}/g)!.join('-');
}
