import { Member, ScimGroupMember, type EntityManager, type Workspace } from '@gatehouse/db';
import { DIRECTORY_DEFAULT_ROLE, roleFromGroups, type MemberRole } from '@gatehouse/domain';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { activeAdminCount, onlyCreatorDemotes } from '../members/index.ts';

/**
 * Brings the roles of these members in line with their directory groups:
 * each gets the highest role of their mapped groups, or the newcomer's role
 * once they are in none. The callers pass only members whose mapped groups
 * changed (they joined or left one, or its mapping changed), so a role an
 * admin chose for someone no mapped group concerns is left alone. Two people keep their role whatever the
 * directory says, so that it can never leave the workspace unrun: its
 * creator (only they give their rights away), and the last active admin;
 * a dismissed admin's rights are the creator's to take, not the directory's.
 * The caller holds the workspace lock.
 */
export async function syncGroupRoles(em: EntityManager, options: { workspace: Workspace; memberIds: readonly string[]; actor: AuditActor; details: Record<string, unknown> }): Promise<void> {
  const ids = [...new Set(options.memberIds)];
  if (!ids.length) return;
  const rows = await em.find(ScimGroupMember, { member: { $in: ids } }, { populate: ['group'] });
  const rolesOf = new Map<string, (MemberRole | null)[]>();
  for (const row of rows) rolesOf.set(row.member.id, [...(rolesOf.get(row.member.id) ?? []), row.group.getEntity().role ?? null]);
  const members = await em.find(Member, { id: { $in: ids }, workspace: options.workspace.id }, { orderBy: { id: 'asc' } });
  let admins = await activeAdminCount(em, options.workspace.id);
  for (const member of members) {
    const role = roleFromGroups(rolesOf.get(member.id) ?? []) ?? DIRECTORY_DEFAULT_ROLE;
    if (role === member.role) continue;
    const losesAdmin = member.role === 'admin' && member.status === 'active';
    if (member.role === 'admin' && member.profile?.id === options.workspace.creator.id) continue;
    if (onlyCreatorDemotes(options.workspace.creator.id, null, member)) continue;
    if (losesAdmin && admins <= 1) continue;
    if (losesAdmin) admins -= 1;
    if (role === 'admin' && member.status === 'active') admins += 1;
    const from = member.role;
    member.role = role;
    recordAudit(em, options.actor, { workspaceId: options.workspace.id, action: 'member.role_changed', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null, details: { from, to: role, ...options.details } });
  }
}
