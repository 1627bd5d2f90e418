import { LockMode } from '@mikro-orm/core';
import { Identity, Member, Passkey, Profile, Workspace, type EntityManager } from '@gatehouse/db';
import {
  AppError,
  DEFAULT_SESSION_IDLE_MINUTES,
  POLICY_GROUPS,
  twoFactorDeadline,
  wayInAllowed,
  type AllowedWaysIn,
  type SecurityPolicy,
  type TwoFactorRequirement,
  type WayIn,
} from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { offeredWaysIn, securityPolicyOf, wayInOf } from './policy.ts';

export interface SecurityPolicyView {
  twoFactorRequiredFor: TwoFactorRequirement;
  twoFactorGraceDays: number;
  twoFactorRequiredSince: string | null;
  allowedWaysIn: AllowedWaysIn;
  /** The ways this deployment offers, for the policy to choose from. */
  offeredWaysIn: WayIn[];
  sessionIdleMinutes: number;
  sessionMaxHours: number | null;
  recentSignInMinutes: number;
  /** The caller's own standing: until when they may still go without a second step (null: not required of them). */
  you: { twoFactorDeadline: string | null };
}

export function securityPolicyView(options: { workspace: Workspace; member: Pick<Member, 'role' | 'joinedAt' | 'createdAt'>; socialProviderIds: readonly string[] }): SecurityPolicyView {
  const { workspace, member } = options;
  const policy = securityPolicyOf(workspace);
  return {
    twoFactorRequiredFor: policy.twoFactorRequiredFor,
    twoFactorGraceDays: policy.twoFactorGraceDays,
    twoFactorRequiredSince: policy.twoFactorRequiredSince?.toISOString() ?? null,
    allowedWaysIn: policy.allowedWaysIn,
    offeredWaysIn: offeredWaysIn(options.socialProviderIds),
    sessionIdleMinutes: workspace.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES,
    sessionMaxHours: policy.sessionMaxHours,
    recentSignInMinutes: policy.recentSignInMinutes,
    you: { twoFactorDeadline: twoFactorDeadline(policy, { role: member.role, joinedAt: member.joinedAt ?? member.createdAt })?.toISOString() ?? null },
  };
}

export type SecurityPolicyChanges = Partial<Pick<SecurityPolicy, 'twoFactorRequiredFor' | 'twoFactorGraceDays' | 'allowedWaysIn' | 'sessionMaxHours' | 'recentSignInMinutes'>>;
const POLICY_FIELDS = ['twoFactorRequiredFor', 'twoFactorGraceDays', 'allowedWaysIn', 'sessionMaxHours', 'recentSignInMinutes'] as const;
const REQUIREMENT_REACH: Record<TwoFactorRequirement, number> = { nobody: 0, admins: 1, everyone: 2 };

/** The ways in the admin has themselves: a policy that allows admins none of them would lock them out. */
async function waysInOf(em: EntityManager, profileId: string): Promise<WayIn[]> {
  const profile = await em.findOneOrFail(Profile, { id: profileId }, { populate: ['passwordHash'] });
  const identities = await em.find(Identity, { profile: profileId }, { fields: ['provider'] });
  const passkeys = await em.count(Passkey, { profile: profileId, suspectedCloneAt: null });
  return [...(profile.passwordHash ? (['password'] as const) : []), ...(passkeys > 0 ? (['passkey'] as const) : []), ...identities.map((identity) => wayInOf('social', identity.provider))];
}

/**
 * An admin changes the workspace's security policy, with a recent sign-in:
 * each way in named must be one the deployment offers, and the admin must
 * keep one of their own. Widening who must use two-step verification starts
 * a new grace period. One transaction under the workspace's lock; audited,
 * and mailed to every other active admin.
 */
export async function updateSecurityPolicy(options: {
  em: EntityManager;
  config: ServiceConfig;
  actor: Actor;
  membership: Membership;
  changes: SecurityPolicyChanges;
  socialProviderIds: readonly string[];
  proof?: Proof;
}): Promise<SecurityPolicyView> {
  const { actor, config, membership, changes } = options;
  await assertRecentSignIn({ em: options.em, config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof ?? {} });
  if (changes.allowedWaysIn) {
    const offered = offeredWaysIn(options.socialProviderIds);
    for (const group of POLICY_GROUPS) {
      const ways = changes.allowedWaysIn[group];
      if (ways && ways.some((way) => !offered.includes(way))) throw new AppError('INVALID_INPUT', { fields: { [`allowedWaysIn.${group}`]: 'invalid' } });
    }
    const own = await waysInOf(options.em, actor.profileId);
    if (!own.some((way) => wayInAllowed({ allowedWaysIn: changes.allowedWaysIn! }, 'admin', way))) throw new AppError('INVALID_INPUT', { fields: { 'allowedWaysIn.admins': 'locks_you_out' } });
  }
  const updated = await options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const before = securityPolicyOf(workspace);
    const now = new Date();
    if (changes.twoFactorRequiredFor !== undefined) {
      workspace.twoFactorRequiredFor = changes.twoFactorRequiredFor;
      if (changes.twoFactorRequiredFor === 'nobody') workspace.twoFactorRequiredSince = null;
      else if (REQUIREMENT_REACH[changes.twoFactorRequiredFor] > REQUIREMENT_REACH[before.twoFactorRequiredFor]) workspace.twoFactorRequiredSince = now;
    }
    if (changes.twoFactorGraceDays !== undefined) workspace.twoFactorGraceDays = changes.twoFactorGraceDays;
    if (changes.allowedWaysIn !== undefined) workspace.allowedWaysIn = changes.allowedWaysIn;
    if (changes.sessionMaxHours !== undefined) workspace.sessionMaxHours = changes.sessionMaxHours;
    if (changes.recentSignInMinutes !== undefined) workspace.recentSignInMinutes = changes.recentSignInMinutes;
    const after = securityPolicyOf(workspace);
    const changed = POLICY_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    if (changed.length === 0) return workspace;
    recordAudit(em, actor, { workspaceId: workspace.id, action: 'security_policy.updated', details: { changed } });
    const others = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active', profile: { $ne: actor.profileId } }, { populate: ['profile'] });
    for (const admin of others) {
      const profile = admin.profile?.getEntity();
      if (!profile) continue;
      enqueueMail(em, {
        to: profile.email,
        kind: 'security_policy_changed',
        locale: profile.locale,
        params: { workspaceName: workspace.name, adminName: membership.member.name, when: now, link: consoleLink(config, `/${workspace.slug}/settings`) },
      });
    }
    await em.flush();
    return workspace;
  });
  return securityPolicyView({ workspace: updated, member: membership.member, socialProviderIds: options.socialProviderIds });
}
