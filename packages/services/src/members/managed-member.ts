import { LockMode } from '@mikro-orm/core';
import { Member, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin, memberActionRefusal, type MemberAction, type MemberState } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { Membership } from './resolve-membership.ts';
import { lockWorkspace } from '../workspace/index.ts';

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

export async function lockManagedMember(em: EntityManager, options: ManageMemberOptions): Promise<Member> {
  await lockWorkspace(em, options.membership.workspace.id);
  // The caller's rights are read again under the lock: an admin demoted a moment ago acts no more.
  const me = await em.findOne(Member, { id: options.membership.member.id });
  if (!isActiveAdmin(me)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  const member = await em.findOne(Member, { id: options.memberId, workspace: options.membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!member) throw new AppError('NOT_FOUND');
  return member;
}

export function activeAdminCount(em: EntityManager, workspaceId: string): Promise<number> {
  return em.count(Member, { workspace: workspaceId, role: 'admin', status: 'active' });
}

/** Only the creator may take the creator's rights (seeds: "the first administrator… creator of the account"). */
export function creatorProtectedFrom(creatorProfileId: string, actorProfileId: string, member: Pick<Member, 'profile'>): boolean {
  return member.profile?.id != null && member.profile.id === creatorProfileId && actorProfileId !== member.profile.id;
}

export function assertNotCreatorUnlessSelf(options: ManageMemberOptions, member: Member): void {
  if (creatorProtectedFrom(options.membership.workspace.creator.id, options.actor.profileId, member)) throw new AppError('CREATOR_PROTECTED');
}

/** The seeds: the creator (first admin) is the one who takes admin rights from dismissed admins. */
export function onlyCreatorDemotes(creatorProfileId: string, actorProfileId: string, member: Pick<Member, 'status' | 'role'>): boolean {
  return member.status === 'dismissed' && member.role === 'admin' && actorProfileId !== creatorProfileId;
}

/** What the status machine sees of a member row. */
export function memberStateOf(member: Pick<Member, 'status' | 'source' | 'profile'>): MemberState {
  return { status: member.status, source: member.source, hasProfile: member.profile != null };
}

/** The domain's status machine decides; its refusal code is what the caller hears. */
export function assertMemberAction(member: Member, action: MemberAction): void {
  const refusal = memberActionRefusal(memberStateOf(member), action);
  if (refusal) throw new AppError(refusal);
}
