import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

/** RFC 6238 defaults, as every authenticator app expects them. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** RFC 4226 §4: a 160-bit key. */
const KEY_BYTES = 20;
/** RFC 6238 §5.2: accept one step either side for clock drift. */
const DRIFT_STEPS = 1;

export function generateTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** What the setup screen shows: the key for typing in, and the otpauth:// URI for the QR code. */
export function totpEnrolment(key: Uint8Array, options: { issuer: string; account: string }): { secret: string; otpauthUrl: string } {
  return {
    secret: encodeBase32UpperCaseNoPadding(key),
    otpauthUrl: createTOTPKeyURI(options.issuer, options.account, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
  };
}

export function currentTotpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a code belongs to, if it is valid now (± drift) and newer
 * than the last one accepted; null otherwise. The caller stores the step so a
 * code is never accepted twice.
 */
export function matchTotp(key: Uint8Array, code: string, options: { now: Date; lastAcceptedStep: number | null }): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = currentTotpStep(options.now);
  const presented = new TextEncoder().encode(code);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (options.lastAcceptedStep !== null && step <= options.lastAcceptedStep) continue;
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS));
    if (constantTimeEqual(expected, presented)) return step;
  }
  return null;
}

/** For tests and tools: the code an authenticator app shows at `now`. */
export function totpCodeAt(key: Uint8Array, now: Date): string {
  return generateHOTP(key, BigInt(currentTotpStep(now)), TOTP_DIGITS);
}
