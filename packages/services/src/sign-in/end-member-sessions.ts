import { deleteWorkspaceSessions, type EntityManager, type Member } from '@gatehouse/db';

/**
 * Ends a member's access through every session started until now: the
 * sessions signed in at this workspace are deleted, and older network
 * sessions can no longer act in it (`sessionsValidFrom`). Dismissal, an
 * admin's "end sessions" and an admin's 2FA reset all go through here, so a
 * rehired member signs in afresh instead of finding an old session revived.
 */
export async function endMemberSessions(em: EntityManager, member: Member, now = new Date()): Promise<number> {
  member.sessionsValidFrom = now;
  if (!member.profile) return 0;
  return deleteWorkspaceSessions(em, { profileId: member.profile.id, workspaceId: member.workspace.id });
}
