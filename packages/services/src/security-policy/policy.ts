import type { Workspace } from '@gatehouse/db';
import { SOCIAL_WAY_IN_PREFIX, type AllowedWaysIn, type SecurityPolicy, type TwoFactorRequirement, type WayIn } from '@gatehouse/domain';

/** The policy of a workspace entity. */
export function securityPolicyOf(workspace: Pick<Workspace, 'twoFactorRequiredFor' | 'twoFactorGraceDays' | 'twoFactorRequiredSince' | 'allowedWaysIn' | 'sessionMaxHours' | 'recentSignInMinutes'>): SecurityPolicy {
  return {
    twoFactorRequiredFor: workspace.twoFactorRequiredFor,
    twoFactorGraceDays: workspace.twoFactorGraceDays,
    twoFactorRequiredSince: workspace.twoFactorRequiredSince ?? null,
    allowedWaysIn: workspace.allowedWaysIn,
    sessionMaxHours: workspace.sessionMaxHours ?? null,
    recentSignInMinutes: workspace.recentSignInMinutes,
  };
}

/** The policy of a workspace row as the membership lookup reads it (column names, timestamps as text). */
export function securityPolicyOfRow(row: Record<string, unknown>): SecurityPolicy {
  const since = row['two_factor_required_since'];
  return {
    twoFactorRequiredFor: row['two_factor_required_for'] as TwoFactorRequirement,
    twoFactorGraceDays: Number(row['two_factor_grace_days']),
    twoFactorRequiredSince: typeof since === 'string' ? new Date(since) : null,
    allowedWaysIn: row['allowed_ways_in'] as AllowedWaysIn,
    sessionMaxHours: row['session_max_hours'] == null ? null : Number(row['session_max_hours']),
    recentSignInMinutes: Number(row['recent_sign_in_minutes']),
  };
}

/** The ways in this deployment offers, as a policy names them: password, passkeys, each configured social provider. */
export function offeredWaysIn(socialProviderIds: readonly string[]): WayIn[] {
  return ['password', 'passkey', ...socialProviderIds.map((id) => `${SOCIAL_WAY_IN_PREFIX}${id}` as WayIn)];
}

/** The way in a sign-in used, as a session keeps it. */
export function wayInOf(method: 'password' | 'passkey' | 'social', provider?: string): WayIn {
  return method === 'social' ? `${SOCIAL_WAY_IN_PREFIX}${provider ?? ''}` : method;
}
