import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** Ten codes, each shown once, each usable once. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * 16 base32 characters = 80 bits each (NIST SP 800-63B-4 §3.1.2: at least 64
 * bits for a look-up secret an attacker may guess online), shown as
 * "abcd-efgh-ijkl-mnop".
 */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
    return raw.match(/.{4}/g)!.join('-');
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

/** Keyed with the server key: a stolen table alone cannot be brute-forced offline. */
export function hashRecoveryCode(appSecret: Uint8Array, code: string): string {
  return encodeHexLowerCase(hmac(SHA256, appSecret, new TextEncoder().encode(`recovery:${normalizeRecoveryCode(code)}`)));
}
