import { LockMode } from '@mikro-orm/core';
import { Member, Profile, Task, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin, isDeletable, isLastAdmin, type MemberRole } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { endMemberSessions } from '../sign-in/end-member-sessions.ts';
import { assertReauthenticated, type Proof } from '../sign-in/reauthenticate.ts';
import type { Membership } from './resolve-membership.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/seats.ts';
import { memberView, type MemberView } from '../shared/views.ts';

/**
 * What an admin does to one member. Each runs in one transaction that first
 * locks the workspace row: seats and the last-admin rule are counted under
 * that lock, so two admins acting at once cannot both pass a check.
 */
export interface ManageMemberOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  memberId: string;
}

async function lockedTarget(em: EntityManager, options: ManageMemberOptions): Promise<Member> {
  await lockWorkspace(em, options.membership.workspace.id);
  // The caller's rights are read again under the lock: an admin demoted a moment ago acts no more.
  const me = await em.findOne(Member, { id: options.membership.member.id });
  if (!isActiveAdmin(me)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  const member = await em.findOne(Member, { id: options.memberId, workspace: options.membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!member) throw new AppError('NOT_FOUND');
  return member;
}

function activeAdminCount(em: EntityManager, workspaceId: string): Promise<number> {
  return em.count(Member, { workspace: workspaceId, role: 'admin', status: 'active' });
}

function isCreator(options: ManageMemberOptions, member: Member): boolean {
  return member.profile?.id != null && member.profile.id === options.membership.workspace.creator.id;
}

/** Only the creator may take the creator's rights (seeds: "the first administrator… creator of the account"). */
function assertNotCreatorUnlessSelf(options: ManageMemberOptions, member: Member): void {
  if (isCreator(options, member) && options.actor.profileId !== member.profile?.id) throw new AppError('CREATOR_PROTECTED');
}

/** Dismissal instead of deletion: every record stays, access ends now, in this workspace only. */
export async function dismissMember(options: ManageMemberOptions): Promise<MemberView> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (member.status !== 'active' && member.status !== 'awaiting_approval') throw new AppError('MEMBER_NOT_DELETABLE');
    assertNotCreatorUnlessSelf(options, member);
    if (isLastAdmin(member, await activeAdminCount(em, member.workspace.id))) throw new AppError('LAST_ADMIN');
    member.status = 'dismissed';
    member.dismissedAt = new Date();
    await endMemberSessions(em, member);
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.dismissed', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}

/**
 * Back, if the plan has a free seat, with the role the admin chooses (by
 * default the one they had). Sessions from before the dismissal stay dead:
 * the person signs in again.
 */
export async function rehireMember(options: ManageMemberOptions & { role?: MemberRole | undefined }): Promise<MemberView> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (member.status !== 'dismissed') throw new AppError('NOT_FOUND');
    await assertSeatsAvailable(em, options.membership.workspace);
    const from = member.role;
    member.status = 'active';
    member.dismissedAt = null;
    if (options.role) member.role = options.role;
    recordAudit(em, options.actor, {
      workspaceId: member.workspace.id,
      action: 'member.rehired',
      targetMemberId: member.id,
      targetProfileId: member.profile?.id ?? null,
      details: { role: member.role, ...(from !== member.role ? { previousRole: from } : {}) },
    });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}

/** Only a never-accepted invitation goes, and only once its tasks are deleted (the seeds' "Complete your profile"). */
export async function deleteMember(options: ManageMemberOptions): Promise<{ deleted: true }> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (!isDeletable(member.status)) throw new AppError('MEMBER_NOT_DELETABLE');
    const taskCount = await em.count(Task, { assignee: member.id });
    if (taskCount > 0) throw new AppError('MEMBER_HAS_TASKS', { taskCount });
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.deleted', targetMemberId: member.id, details: { email: member.contactEmail } });
    // The invitation link dies with the row that holds its hash.
    em.remove(member);
    await em.flush();
    return { deleted: true };
  });
}

/** A change of rights, confirmed by the admin's password or code. */
export async function setMemberRole(options: ManageMemberOptions & { role: MemberRole; config: ServiceConfig; proof: Proof }): Promise<MemberView> {
  await assertReauthenticated({ em: options.em, config: options.config, actor: options.actor, proof: options.proof, require: 'any' });
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (member.role === options.role) return memberView(member, options.membership.workspace.creator.id);
    if (member.role === 'admin') {
      assertNotCreatorUnlessSelf(options, member);
      if (isLastAdmin(member, await activeAdminCount(em, member.workspace.id))) throw new AppError('LAST_ADMIN');
    }
    // The seeds: the creator (first admin) is the one who takes admin rights from dismissed admins.
    if (member.status === 'dismissed' && member.role === 'admin' && options.actor.profileId !== options.membership.workspace.creator.id) {
      throw new AppError('CREATOR_PROTECTED');
    }
    const from = member.role;
    member.role = options.role;
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.role_changed', targetMemberId: member.id, details: { from, to: options.role } });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}

/** A join through the link that waited for an admin: in, with a mail to say so. */
export async function approveMember(options: ManageMemberOptions & { config: ServiceConfig }): Promise<MemberView> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (member.status !== 'awaiting_approval') throw new AppError('NOT_FOUND');
    // It already holds a seat; the plan may have shrunk since.
    await assertSeatsAvailable(em, options.membership.workspace, 0);
    member.status = 'active';
    member.joinedAt = new Date();
    const workspace = options.membership.workspace;
    const profile = member.profile ? await member.profile.load() : null;
    if (profile) {
      enqueueMail(em, { to: profile.email, kind: 'join_approved', locale: profile.locale, params: { workspaceName: workspace.name, link: portalLink(options.config, `/signin?workspace=${workspace.slug}`) } });
    }
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'member.approved', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    await em.flush();
    return memberView(member, workspace.creator.id);
  });
}

/** A join request turned down: it never became a membership, so it goes. */
export async function rejectMember(options: ManageMemberOptions): Promise<{ rejected: true }> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (member.status !== 'awaiting_approval') throw new AppError('NOT_FOUND');
    await em.nativeDelete(Task, { assignee: member.id });
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.rejected', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    em.remove(member);
    await em.flush();
    return { rejected: true };
  });
}

/**
 * An admin ends every session the member has at this workspace (signed in
 * here, or older network sessions acting here); the member signs in again.
 */
export async function endMemberSessionsByAdmin(options: ManageMemberOptions): Promise<{ ended: number }> {
  return options.em.transactional(async (em) => {
    const member = await lockedTarget(em, options);
    if (!member.profile) throw new AppError('NOT_FOUND');
    const ended = await endMemberSessions(em, member);
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.sessions_ended', targetMemberId: member.id, targetProfileId: member.profile.id, details: { ended } });
    await em.flush();
    return { ended };
  });
}

/**
 * An admin lifts the sign-in lockout of a member (failed passwords and codes
 * counted against their login), e.g. after someone else's guesses locked the
 * owner out.
 */
export async function unlockMemberSignIn(options: ManageMemberOptions & { config: ServiceConfig }): Promise<{ unlocked: true }> {
  const member = await options.em.transactional(async (em) => {
    const target = await lockedTarget(em, options);
    if (!target.profile || target.status !== 'active') throw new AppError('NOT_FOUND');
    recordAudit(em, options.actor, { workspaceId: target.workspace.id, action: 'member.sign_in_unlocked', targetMemberId: target.id, targetProfileId: target.profile.id });
    await em.flush();
    return target;
  });
  const profile = await options.em.findOneOrFail(Profile, { id: member.profile!.id });
  await options.config.limits.reset('signInAccount', profile.email);
  await options.config.limits.reset('twoFactor', profile.id);
  return { unlocked: true };
}
