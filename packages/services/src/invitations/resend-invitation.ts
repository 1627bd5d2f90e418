import { LockMode } from '@mikro-orm/core';
import { generateOneTimeToken } from '@gatehouse/auth';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertMayInvite, countInvitationMail } from './invitation-rules.ts';
import { assertMemberAction, type Membership } from '../members/index.ts';

/** An invitation is sent at most this many times, and resent at most once a minute. */
export const MAX_INVITATION_SENDS = 5;
const RESEND_INTERVAL_MS = 60_000;

/** Sends a fresh link (the previous one dies) with a fresh expiry. */
export async function resendInvitation(options: { em: EntityManager; actor: Actor; membership: Membership; config: ServiceConfig; memberId: string }): Promise<{ sentAt: string }> {
  const { actor, membership, config } = options;
  const { workspace, member: inviter } = membership;
  return options.em.transactional(async (em) => {
    const member = await em.findOne(Member, { id: options.memberId, workspace: workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!member) throw new AppError('NOT_FOUND');
    assertMayInvite(inviter, workspace, member.role);
    assertMemberAction(member, 'resend');
    if (!member.contactEmail) throw new AppError('INVITATION_NOT_PENDING');
    const now = Date.now();
    const since = member.invitationSentAt ? now - member.invitationSentAt.getTime() : Infinity;
    if (member.invitationSendCount >= MAX_INVITATION_SENDS) throw new AppError('RATE_LIMITED');
    if (since < RESEND_INTERVAL_MS) throw new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil((RESEND_INTERVAL_MS - since) / 1000) });

    await countInvitationMail(config, { inviter: actor.profileId, workspaceId: workspace.id });
    const { token, hash } = generateOneTimeToken();
    const expiresAt = new Date(now + config.lifetimes.invitationMs);
    member.invitationTokenHash = hash;
    member.invitationExpiresAt = expiresAt;
    member.invitationSentAt = new Date(now);
    member.invitationSendCount += 1;
    const existing = await em.findOne(Profile, { email: member.contactEmail });
    enqueueMail(em, {
      to: member.contactEmail,
      kind: 'invitation',
      locale: existing?.locale ?? actor.locale,
      params: { workspaceName: workspace.name, inviterName: inviter.name, message: member.invitationMessage ?? null, link: portalLink(config, '/invitation', token), expiresAt },
    });
    recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.invitation_resent', targetMemberId: member.id, details: { sendCount: member.invitationSendCount } });
    await em.flush();
    return { sentAt: member.invitationSentAt.toISOString() };
  });
}
