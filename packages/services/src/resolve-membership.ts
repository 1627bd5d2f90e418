import { findMembershipOf, type EntityManager, type Member, type Workspace } from '@gatehouse/db';
import { AppError, isActiveAdmin } from '@gatehouse/domain';
import type { Actor } from './actor.ts';

export interface Membership {
  workspace: Workspace;
  member: Member;
}

/**
 * The caller's active membership in the workspace at `slug`. A workspace the
 * caller does not belong to answers NOT_FOUND, exactly like one that does not
 * exist, so nobody learns other tenants' addresses.
 */
export async function resolveMembership(options: { em: EntityManager; actor: Actor; slug: string }): Promise<Membership> {
  const { em, actor, slug } = options;
  const found = await findMembershipOf(em, { slug, profileId: actor.profileId });
  if (!found || found.member.status === 'invited' || found.member.status === 'awaiting_approval') throw new AppError('NOT_FOUND');
  if (found.member.status === 'dismissed') throw new AppError('MEMBER_DISMISSED');
  return found;
}

export async function resolveAdminMembership(options: { em: EntityManager; actor: Actor; slug: string }): Promise<Membership> {
  const membership = await resolveMembership(options);
  if (!isActiveAdmin(membership.member)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  return membership;
}
