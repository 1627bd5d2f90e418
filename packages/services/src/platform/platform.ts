import { LockMode } from '@mikro-orm/core';
import { Member, Profile, RecoveryRequest, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin, RECOVERY_LETTER_MAX_BYTES, sniffLetterType, type PlanId } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { countSeatsUsed } from '../workspace/get-workspace.ts';
import { assertReauthenticated, type Proof } from '../sign-in/reauthenticate.ts';
import type { Membership } from '../members/resolve-membership.ts';
import { lockWorkspace } from '../workspace/seats.ts';
import { workspaceView, type WorkspaceView } from '../shared/views.ts';

function assertStaff(actor: Actor): void {
  if (!actor.isStaff) throw new AppError('FORBIDDEN', { requiredRole: 'staff' });
}

/** Platform staff change a plan: the seat limit follows at once; a downgrade below use blocks new seats and touches nobody. */
export async function setWorkspacePlan(options: { em: EntityManager; actor: Actor; slug: string; plan: PlanId }): Promise<WorkspaceView> {
  assertStaff(options.actor);
  return options.em.transactional(async (em) => {
    const workspace = await em.findOne(Workspace, { slug: options.slug }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!workspace) throw new AppError('NOT_FOUND');
    const from = workspace.plan;
    workspace.plan = options.plan;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.plan_changed', details: { from, to: options.plan } });
    await em.flush();
    return workspaceView(workspace, await countSeatsUsed(em, workspace.id));
  });
}

/** The creator offers the creator role to another active admin, who must accept; null withdraws the offer. */
export async function offerCreatorRole(options: { em: EntityManager; actor: Actor; config: ServiceConfig; membership: Membership; memberId: string | null; proof: Proof }): Promise<{ offeredTo: string | null }> {
  const { membership } = options;
  if (membership.workspace.creator.id !== options.actor.profileId) throw new AppError('CREATOR_PROTECTED');
  await assertReauthenticated({ em: options.em, config: options.config, actor: options.actor, proof: options.proof, require: 'any' });
  return options.em.transactional(async (em) => {
    await lockWorkspace(em, membership.workspace.id);
    const workspace = await em.findOneOrFail(Workspace, { id: membership.workspace.id });
    if (options.memberId) {
      const target = await em.findOne(Member, { id: options.memberId, workspace: workspace.id });
      if (!target?.profile || !isActiveAdmin(target)) throw new AppError('NOT_FOUND');
      if (target.profile.id === options.actor.profileId) throw new AppError('INVALID_INPUT', { fields: { memberId: 'invalid' } });
    }
    workspace.creatorTransferTo = options.memberId;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.creator_offered', targetMemberId: options.memberId });
    await em.flush();
    return { offeredTo: options.memberId };
  });
}

/** The admin the role was offered to takes it: from this moment there is exactly one creator, them. */
export async function acceptCreatorRole(options: { em: EntityManager; actor: Actor; membership: Membership }): Promise<{ creator: true }> {
  const { membership } = options;
  return options.em.transactional(async (em) => {
    await lockWorkspace(em, membership.workspace.id);
    const workspace = await em.findOneOrFail(Workspace, { id: membership.workspace.id });
    const me = await em.findOneOrFail(Member, { id: membership.member.id });
    if (workspace.creatorTransferTo !== me.id || !isActiveAdmin(me)) throw new AppError('NOT_FOUND');
    const previous = workspace.creator.id;
    workspace.creator = em.getReference(Profile, options.actor.profileId, { wrapped: true });
    workspace.creatorTransferTo = null;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.creator_changed', targetMemberId: me.id, details: { previousCreatorProfileId: previous } });
    await em.flush();
    return { creator: true as const };
  });
}

export interface FileRecoveryOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  formerAdminName: string;
  formerAdminLogin: string;
  proposedMemberId: string;
  statement: string;
  letter: { bytes: Uint8Array; name: string };
}

/**
 * When no active admin is left, any member asks platform staff for one: the
 * former admin, the proposed admin (a member), a statement and the signed
 * letter (PDF or image, checked by its bytes, at most 5 MB).
 */
export async function fileRecoveryRequest(options: FileRecoveryOptions): Promise<{ id: string }> {
  const { em, actor, membership } = options;
  if (await em.count(Member, { workspace: membership.workspace.id, role: 'admin', status: 'active' })) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  if (options.letter.bytes.length > RECOVERY_LETTER_MAX_BYTES) throw new AppError('INVALID_INPUT', { fields: { letter: 'too_big' as never } });
  const type = sniffLetterType(options.letter.bytes);
  if (!type) throw new AppError('INVALID_INPUT', { fields: { letter: 'invalid' } });
  const proposed = await em.findOne(Member, { id: options.proposedMemberId, workspace: membership.workspace.id, status: 'active' });
  if (!proposed?.profile) throw new AppError('NOT_FOUND');
  const request = em.create(RecoveryRequest, {
    workspace: membership.workspace.id,
    requester: membership.member.id,
    formerAdminName: options.formerAdminName.trim(),
    formerAdminLogin: options.formerAdminLogin.trim(),
    proposedAdmin: proposed,
    statement: options.statement.trim(),
    letter: Buffer.from(options.letter.bytes),
    letterType: type,
    letterName: options.letter.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'letter',
  });
  recordAudit(em, actor, { workspaceId: membership.workspace.id, action: 'recovery.filed', targetMemberId: proposed.id });
  await em.flush();
  return { id: request.id };
}

export interface RecoveryRequestView {
  id: string;
  status: string;
  workspace: { slug: string; name: string };
  requester: { name: string; email: string | null };
  proposedAdmin: { memberId: string; name: string; email: string | null };
  formerAdminName: string;
  formerAdminLogin: string;
  statement: string;
  letter: { name: string; type: string };
  reviewNote: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

export async function listRecoveryRequests(options: { em: EntityManager; actor: Actor; status?: 'pending' | 'approved' | 'rejected' }): Promise<RecoveryRequestView[]> {
  assertStaff(options.actor);
  const requests = await options.em.find(
    RecoveryRequest,
    options.status ? { status: options.status } : {},
    { populate: ['workspace', 'requester', 'proposedAdmin', 'proposedAdmin.profile', 'requester.profile'], orderBy: { createdAt: 'desc' }, limit: 200 },
  );
  return requests.map((request) => {
    const workspace = request.workspace.getEntity();
    const requester = request.requester.getEntity();
    const proposed = request.proposedAdmin.getEntity();
    return {
      id: request.id,
      status: request.status,
      workspace: { slug: workspace.slug, name: workspace.name },
      requester: { name: requester.name, email: requester.profile?.getEntity().email ?? requester.contactEmail ?? null },
      proposedAdmin: { memberId: proposed.id, name: proposed.name, email: proposed.profile?.getEntity().email ?? null },
      formerAdminName: request.formerAdminName,
      formerAdminLogin: request.formerAdminLogin,
      statement: request.statement,
      letter: { name: request.letterName, type: request.letterType },
      reviewNote: request.reviewNote ?? null,
      createdAt: request.createdAt.toISOString(),
      reviewedAt: request.reviewedAt?.toISOString() ?? null,
    };
  });
}

export async function getRecoveryLetter(options: { em: EntityManager; actor: Actor; id: string }): Promise<{ bytes: Buffer; type: string; name: string }> {
  assertStaff(options.actor);
  const request = await options.em.findOne(RecoveryRequest, { id: options.id }, { populate: ['letter'] });
  if (!request) throw new AppError('NOT_FOUND');
  return { bytes: Buffer.from(request.letter), type: request.letterType, name: request.letterName };
}

/** Staff approve (the proposed member becomes an admin) or reject; both sides and every remaining admin are told. */
export async function reviewRecoveryRequest(options: { em: EntityManager; actor: Actor; config: ServiceConfig; id: string; approve: boolean; note?: string | null }): Promise<{ status: 'approved' | 'rejected' }> {
  assertStaff(options.actor);
  return options.em.transactional(async (em) => {
    const request = await em.findOne(RecoveryRequest, { id: options.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!request || request.status !== 'pending') throw new AppError('NOT_FOUND');
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
