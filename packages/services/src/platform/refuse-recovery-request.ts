import { LockMode } from '@mikro-orm/core';
import { Member, RecoveryRequest, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { type Membership } from '../members/index.ts';

/**
 * An admin of the workspace answers a request filed because its admins did
 * not: it is refused, within the days the admins have for it. The requester
 * and the proposed admin are told who refused it.
 */
export async function refuseRecoveryRequest(options: { em: EntityManager; actor: Actor; config: ServiceConfig; membership: Membership; id: string; note?: string | null }): Promise<{ status: 'refused' }> {
  const { actor, config, membership } = options;
  return options.em.transactional(async (em) => {
    const request = await em.findOne(RecoveryRequest, { id: options.id, workspace: membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!request || request.status !== 'pending') throw new AppError('NOT_FOUND');
    if (!request.adminsUntil || request.adminsUntil.getTime() <= Date.now()) throw new AppError('RECOVERY_NOT_DECIDABLE', { decider: 'admin' });
    request.status = 'refused';
    request.refusedBy = em.getReference(Member, membership.member.id, { wrapped: true });
    request.reviewNote = options.note?.trim() || null;
    request.reviewedAt = new Date();
    const told = await em.find(Member, { id: { $in: [request.requester.id, request.proposedAdmin.id] } }, { populate: ['profile'] });
    const proposed = told.find((member) => member.id === request.proposedAdmin.id);
    for (const profile of new Map(told.flatMap((member) => (member.profile ? [[member.profile.id, member.profile.getEntity()] as const] : []))).values()) {
      enqueueMail(em, {
        to: profile.email,
        kind: 'recovery_refused',
        locale: profile.locale,
        params: { workspaceName: membership.workspace.name, adminName: membership.member.name, proposedName: proposed?.name ?? '—', note: request.reviewNote ?? null, link: portalLink(config, '/workspaces') },
      });
    }
    recordAudit(em, actor, { workspaceId: membership.workspace.id, action: 'recovery.refused', targetMemberId: request.proposedAdmin.id, details: { requestId: request.id } });
    await em.flush();
    return { status: 'refused' as const };
  });
}
