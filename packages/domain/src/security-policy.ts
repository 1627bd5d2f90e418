import type { MemberRole } from './membership.ts';
import type { SessionClient } from './session-policy.ts';

/*
 * The security policy a workspace sets for its members: which of them must
 * use two-step verification (and by when), which ways in they may use, how
 * long a browser session signed in there may last at most, and how recent a
 * sign-in must be for its sensitive actions. Every door applies it through
 * the functions below: the sign-in at the workspace, each call made in it,
 * and each of its apps.
 */

export const TWO_FACTOR_REQUIREMENTS = ['nobody', 'admins', 'everyone'] as const;
export type TwoFactorRequirement = (typeof TWO_FACTOR_REQUIREMENTS)[number];

/** The policy's groups: admins, and everyone else (employees and extranet users). */
export const POLICY_GROUPS = ['admins', 'members'] as const;
export type PolicyGroup = (typeof POLICY_GROUPS)[number];

/**
 * A way in, as a session remembers it: a password (also before a second
 * step), a passkey, a social provider by its id, or a workspace's single
 * sign-on connection by its id.
 */
export type WayIn = 'password' | 'passkey' | `social:${string}` | `sso:${string}`;
export const SOCIAL_WAY_IN_PREFIX = 'social:';

/** For each group, the ways in it may use; null: every way the deployment offers. */
export type AllowedWaysIn = Record<PolicyGroup, WayIn[] | null>;

export interface SecurityPolicy {
  twoFactorRequiredFor: TwoFactorRequirement;
  /** Days a member has to set up two-step verification, from the requirement (or from joining, when later). */
  twoFactorGraceDays: number;
  /** When the current requirement began; the grace period counts from here. */
  twoFactorRequiredSince: Date | null;
  allowedWaysIn: AllowedWaysIn;
  /** A browser session signed in at the workspace ends this many hours after it began, whatever its activity; null: the deployment's cap. */
  sessionMaxHours: number | null;
  /** Sensitive actions need a sign-in (or a confirmation) this recent. */
  recentSignInMinutes: number;
}

export const SECURITY_POLICY_LIMITS = {
  twoFactorGraceDays: { min: 0, max: 90, default: 14 },
  sessionMaxHours: { min: 1, max: 24 * 30 },
  recentSignInMinutes: { min: 1, max: 24 * 60, default: 10 },
  /** Ways in listed per group (password, passkey and the social providers). */
  waysInPerGroup: 20,
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function policyGroupOf(role: MemberRole): PolicyGroup {
  return role === 'admin' ? 'admins' : 'members';
}

export function twoFactorRequiredOf(policy: Pick<SecurityPolicy, 'twoFactorRequiredFor'>, role: MemberRole): boolean {
  return policy.twoFactorRequiredFor === 'everyone' || (policy.twoFactorRequiredFor === 'admins' && role === 'admin');
}

/**
 * Until when this member may still sign in without two-step verification:
 * the grace period counts from the requirement, or from the member's joining
 * when that came later (a newcomer gets the whole grace period too).
 */
export function twoFactorDeadline(
  policy: Pick<SecurityPolicy, 'twoFactorRequiredFor' | 'twoFactorGraceDays' | 'twoFactorRequiredSince'>,
  member: { role: MemberRole; joinedAt: Date | null },
): Date | null {
  if (!twoFactorRequiredOf(policy, member.role) || !policy.twoFactorRequiredSince) return null;
  const from = Math.max(policy.twoFactorRequiredSince.getTime(), member.joinedAt?.getTime() ?? 0);
  return new Date(from + policy.twoFactorGraceDays * DAY);
}

/** The grace period is over and the person has neither an authenticator app nor a passkey: they may only set one up. */
export function mustSetUpTwoFactor(
  policy: Pick<SecurityPolicy, 'twoFactorRequiredFor' | 'twoFactorGraceDays' | 'twoFactorRequiredSince'>,
  member: { role: MemberRole; joinedAt: Date | null },
  hasSecondFactor: boolean,
  now: Date,
): boolean {
  if (hasSecondFactor) return false;
  const deadline = twoFactorDeadline(policy, member);
  return deadline != null && now.getTime() >= deadline.getTime();
}

export function allowedWaysFor(policy: Pick<SecurityPolicy, 'allowedWaysIn'>, role: MemberRole): WayIn[] | null {
  return policy.allowedWaysIn[policyGroupOf(role)];
}

export function wayInAllowed(policy: Pick<SecurityPolicy, 'allowedWaysIn'>, role: MemberRole, wayIn: WayIn): boolean {
  const allowed = allowedWaysFor(policy, role);
  return allowed == null || allowed.includes(wayIn);
}

/** When a browser session signed in at (or acting in) the workspace ends by the workspace's own cap; null when it sets none. */
export function workspaceSessionEndsAt(policy: Pick<SecurityPolicy, 'sessionMaxHours'>, session: { client: SessionClient; createdAt: Date }): Date | null {
  if (session.client !== 'browser' || !policy.sessionMaxHours) return null;
  return new Date(session.createdAt.getTime() + policy.sessionMaxHours * HOUR);
}

export function sessionCapReached(policy: Pick<SecurityPolicy, 'sessionMaxHours'>, session: { client: SessionClient; createdAt: Date }, now: Date): boolean {
  const end = workspaceSessionEndsAt(policy, session);
  return end != null && now.getTime() >= end.getTime();
}

/** Whether the caller's last proof (sign-in or confirmation) is recent enough for a sensitive action here. */
export function signInIsRecent(policy: Pick<SecurityPolicy, 'recentSignInMinutes'>, authenticatedAt: Date, now: Date): boolean {
  return now.getTime() - authenticatedAt.getTime() <= policy.recentSignInMinutes * 60_000;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  twoFactorRequiredFor: 'nobody',
  twoFactorGraceDays: SECURITY_POLICY_LIMITS.twoFactorGraceDays.default,
  twoFactorRequiredSince: null,
  allowedWaysIn: { admins: null, members: null },
  sessionMaxHours: null,
  recentSignInMinutes: SECURITY_POLICY_LIMITS.recentSignInMinutes.default,
};
