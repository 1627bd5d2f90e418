import { LockMode } from '@mikro-orm/core';
import { Member, Profile, RecoveryRequest, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { lockWorkspace } from '../workspace/index.ts';
import { assertStaff } from './assert-staff.ts';

/** Staff approve (the proposed member becomes an admin) or reject, once the admins' days to refuse are over; both sides and every remaining admin are told. */
export async function reviewRecoveryRequest(options: { em: EntityManager; actor: Actor; config: ServiceConfig; id: string; approve: boolean; note?: string | null }): Promise<{ status: 'approved' | 'rejected' }> {
  assertStaff(options.actor);
  return options.em.transactional(async (em) => {
    const request = await em.findOne(RecoveryRequest, { id: options.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!request || request.status !== 'pending') throw new AppError('NOT_FOUND');
    // The workspace's admins were mailed when it was filed: until their days are over, theirs is the first word.
    if (request.adminsUntil && request.adminsUntil.getTime() > Date.now()) throw new AppError('RECOVERY_NOT_DECIDABLE', { decider: 'staff', adminsUntil: request.adminsUntil.toISOString() });
    const workspace = await em.findOneOrFail(Workspace, { id: request.workspace.id });
    await lockWorkspace(em, workspace.id);
    const proposed = await em.findOneOrFail(Member, { id: request.proposedAdmin.id }, { populate: ['profile'] });
    if (options.approve) {
      if (proposed.status !== 'active') throw new AppError('NOT_FOUND');
      proposed.role = 'admin';
    }
    request.status = options.approve ? 'approved' : 'rejected';
    request.reviewedBy = em.getReference(Profile, options.actor.profileId, { wrapped: true });
    request.reviewedAt = new Date();
    request.reviewNote = options.note?.trim() || null;

    const requester = await em.findOneOrFail(Member, { id: request.requester.id }, { populate: ['profile'] });
    const admins = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
    const told = new Map<string, Profile>();
    for (const member of [requester, proposed, ...admins]) {
      const profile = member.profile?.getEntity();
      if (profile) told.set(profile.id, profile);
    }
    for (const profile of told.values()) {
      enqueueMail(em, {
        to: profile.email,
        kind: 'recovery_decided',
        locale: profile.locale,
        params: { workspaceName: workspace.name, approved: options.approve, newAdminName: proposed.name, note: request.reviewNote ?? null, link: portalLink(options.config, '/workspaces') },
      });
    }
    recordAudit(em, options.actor, {
      workspaceId: workspace.id,
      action: options.approve ? 'recovery.approved' : 'recovery.rejected',
      targetMemberId: proposed.id,
      details: { requestId: request.id },
    });
    await em.flush();
    return { status: request.status as 'approved' | 'rejected' };
  });
}
