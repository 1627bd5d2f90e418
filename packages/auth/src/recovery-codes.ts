import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** Ten codes, each shown once, each usable once. */
export const RECOVERY_CODE_COUNT = 10;

/** 10 base32 characters = 50 bits each, shown as "abcde-fghij". */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

/** Keyed with the server key: a stolen table alone cannot be brute-forced offline. */
export function hashRecoveryCode(appSecret: Uint8Array, code: string): string {
  return encodeHexLowerCase(hmac(SHA256, appSecret, new TextEncoder().encode(`recovery:${normalizeRecoveryCode(code)}`)));
}
