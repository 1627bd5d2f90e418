import { countScimGroupMembers, ScimGroup, ScimGroupMember, type EntityManager } from '@gatehouse/db';
import { AppError, type MemberRole } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { lockWorkspace } from '../workspace/index.ts';
import { syncGroupRoles } from './group-roles.ts';

/** A directory group as the console lists it, with the role an admin mapped it to. */
export interface DirectoryGroupView {
  id: string;
  displayName: string;
  memberCount: number;
  role: MemberRole | null;
  updatedAt: string;
}

/** The workspace's directory groups, by name. */
export async function listDirectoryGroups(options: { em: EntityManager; membership: Membership }): Promise<DirectoryGroupView[]> {
  const { em } = options;
  const groups = await em.find(ScimGroup, { workspace: options.membership.access.workspaceId }, { orderBy: { displayName: 'asc', id: 'asc' }, limit: 500 });
  const countOf = await countScimGroupMembers(em, groups.map((group) => group.id));
  return groups.map((group) => ({ id: group.id, displayName: group.displayName, memberCount: countOf.get(group.id) ?? 0, role: group.role ?? null, updatedAt: group.updatedAt.toISOString() }));
}

/**
 * Maps a directory group to a workspace role (or unmaps it, with null); its
 * members' roles follow at once, under the workspace's lock, with the same
 * protections as every directory change (creator, last admin).
 */
export async function mapDirectoryGroup(options: { em: EntityManager; actor: Actor; membership: Membership; groupId: string; role: MemberRole | null }): Promise<DirectoryGroupView> {
  const { actor, membership } = options;
  return options.em.transactional(async (em) => {
    await lockWorkspace(em, membership.workspace.id);
    const group = await em.findOne(ScimGroup, { id: options.groupId, workspace: membership.workspace.id });
    if (!group) throw new AppError('NOT_FOUND');
    const memberIds = (await em.find(ScimGroupMember, { group: group.id }, { fields: ['member'] })).map((row) => row.member.id);
    if (group.role !== options.role) {
      const from = group.role ?? null;
      group.role = options.role;
      recordAudit(em, actor, { workspaceId: membership.workspace.id, action: 'scim_group.role_mapped', details: { groupId: group.id, name: group.displayName, from, to: options.role } });
      await em.flush();
      await syncGroupRoles(em, { workspace: membership.workspace, memberIds, actor, details: { group: group.displayName } });
      await em.flush();
    }
    return { id: group.id, displayName: group.displayName, memberCount: memberIds.length, role: group.role ?? null, updatedAt: group.updatedAt.toISOString() };
  });
}
