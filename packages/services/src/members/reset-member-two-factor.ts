import { LockMode } from '@mikro-orm/core';
import { Member, Profile, profileHasSecondFactor, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { endMemberSessions, assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import type { Membership } from './resolve-membership.ts';

/**
 * An admin turns a member's second step off for sign-ins at this workspace
 * only — until a date, or until the person sets it up again — after proving
 * a recent sign-in (or a confirmation now). The member's sessions here end (a session
 * opened by whoever holds the lost device goes too) and the member is mailed.
 * The network sign-in and every other workspace still ask for it.
 */
export async function resetMemberTwoFactor(options: {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  memberId: string;
  until?: Date | null;
  proof: Proof;
}): Promise<{ reset: true; until: string | null }> {
  const { actor, config, membership } = options;
  await assertRecentSignIn({ em: options.em, config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof });
  return options.em.transactional(async (em) => {
    const member = await em.findOne(Member, { id: options.memberId, workspace: membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!member?.profile) throw new AppError('NOT_FOUND');
    const profile = await em.findOneOrFail(Profile, { id: member.profile.id });
    // A second step of their own: the authenticator app, or passkeys asked for after the password.
    if (!(await profileHasSecondFactor(em, profile.id))) throw new AppError('NOT_FOUND');
    const until = options.until ?? null;
    member.twoFactorExemptAt = new Date();
    member.twoFactorExemptUntil = until;
    const sessionsEnded = await endMemberSessions(em, member);
    enqueueMail(em, {
      to: profile.email,
      kind: 'two_factor_reset',
      locale: profile.locale,
      params: { workspaceName: membership.workspace.name, until, link: portalLink(config, '/security') },
    });
    recordAudit(em, actor, {
      workspaceId: membership.workspace.id,
      action: 'two_factor.reset_by_admin',
      targetMemberId: member.id,
      targetProfileId: profile.id,
      details: { until: until?.toISOString() ?? null, sessionsEnded },
    });
    await em.flush();
    return { reset: true as const, until: until?.toISOString() ?? null };
  });
}
