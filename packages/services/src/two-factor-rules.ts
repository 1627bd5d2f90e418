import type { Profile } from '@gatehouse/db';

/** A sign-in waiting for its second factor lasts this long, and allows this many codes. */
export const TWO_FACTOR_CHALLENGE_TTL_MS = 5 * 60_000;
export const TWO_FACTOR_CHALLENGE_ATTEMPTS = 5;
/** Below this many unused recovery codes the person is warned. */
export const FEW_RECOVERY_CODES = 3;

/** On, and not suspended by an admin right now. */
export function isTwoFactorActive(profile: Pick<Profile, 'twoFactorEnabledAt' | 'twoFactorSuspendedUntil'>, now = new Date()): boolean {
  if (!profile.twoFactorEnabledAt) return false;
  return !(profile.twoFactorSuspendedUntil && profile.twoFactorSuspendedUntil.getTime() > now.getTime());
}
