import type { Member, Profile } from '@gatehouse/db';

/** A sign-in waiting for its second factor lasts this long, and allows this many codes. */
export const TWO_FACTOR_CHALLENGE_TTL_MS = 5 * 60_000;
export const TWO_FACTOR_CHALLENGE_ATTEMPTS = 5;
/** Below this many unused recovery codes the person is warned. */
export const FEW_RECOVERY_CODES = 3;

export function isTwoFactorOn(profile: Pick<Profile, 'twoFactorEnabledAt'>): boolean {
  return profile.twoFactorEnabledAt != null;
}

/** An admin of this member's workspace turned the second step off for sign-ins there, and it has not run out. */
export function isTwoFactorExempt(member: Pick<Member, 'twoFactorExemptAt' | 'twoFactorExemptUntil'> | null | undefined, now = new Date()): boolean {
  if (!member?.twoFactorExemptAt) return false;
  return !member.twoFactorExemptUntil || member.twoFactorExemptUntil.getTime() > now.getTime();
}

/**
 * Whether a sign-in asks for the second step: whenever it is on, except at a
 * workspace whose admin exempted this member. An exemption never reaches the
 * network sign-in or another workspace.
 */
export function asksSecondFactor(profile: Pick<Profile, 'twoFactorEnabledAt'>, member: Pick<Member, 'twoFactorExemptAt' | 'twoFactorExemptUntil'> | null, now = new Date()): boolean {
  return isTwoFactorOn(profile) && !isTwoFactorExempt(member, now);
}
