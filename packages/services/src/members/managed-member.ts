import { LockMode } from '@mikro-orm/core';
import { Member, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin, memberActionRefusal, type MemberAction, type MemberState } from '@gatehouse/domain';
import type { Caller } from '../shared/actor.ts';
import type { WorkspaceScope } from './resolve-membership.ts';
import { lockWorkspace } from '../workspace/index.ts';
import { assertKeyMayChange } from '../api-keys/index.ts';

/**
 * What an admin does to one member. Each runs in one transaction that first
 * locks the workspace row: seats and the last-admin rule are counted under
 * that lock, so two admins acting at once cannot both pass a check.
 */
export interface ManageMemberOptions {
  em: EntityManager;
  /** An admin, or an API key with the admin role. */
  actor: Caller;
  membership: WorkspaceScope;
  memberId: string;
}

/** The caller's rights, read again under the workspace lock: an admin demoted (or a key revoked) a moment ago acts no more. */
export async function assertStillMayManage(em: EntityManager, options: Pick<ManageMemberOptions, 'actor' | 'membership'>): Promise<void> {
  if (options.actor.apiKey) return assertKeyMayChange(em, options.actor);
  const memberId = options.membership.access.memberId;
  const me = memberId ? await em.findOne(Member, { id: memberId }) : null;
  if (!isActiveAdmin(me)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
}

export async function lockManagedMember(em: EntityManager, options: ManageMemberOptions): Promise<Member> {
  await lockWorkspace(em, options.membership.workspace.id);
  await assertStillMayManage(em, options);
  const member = await em.findOne(Member, { id: options.memberId, workspace: options.membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!member) throw new AppError('NOT_FOUND');
  return member;
}

export function activeAdminCount(em: EntityManager, workspaceId: string): Promise<number> {
  return em.count(Member, { workspace: workspaceId, role: 'admin', status: 'active' });
}

/** Only the creator may take the creator's rights (seeds: "the first administrator… creator of the account"). */
export function creatorProtectedFrom(creatorProfileId: string, actorProfileId: string | null, member: Pick<Member, 'profile'>): boolean {
  return member.profile?.id != null && member.profile.id === creatorProfileId && actorProfileId !== member.profile.id;
}

export function assertNotCreatorUnlessSelf(options: ManageMemberOptions, member: Member): void {
  if (creatorProtectedFrom(options.membership.workspace.creator.id, options.actor.profileId, member)) throw new AppError('CREATOR_PROTECTED');
}

/** The seeds: the creator (first admin) is the one who takes admin rights from dismissed admins. */
export function onlyCreatorDemotes(creatorProfileId: string, actorProfileId: string | null, member: Pick<Member, 'status' | 'role'>): boolean {
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
