import { recordAudit } from '../audit/index.ts';
import { endMemberSessions } from '../sign-in/index.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/**
 * An admin ends every session the member has at this workspace (signed in
 * here, or older network sessions acting here); the member signs in again.
 */
export async function endMemberSessionsByAdmin(options: ManageMemberOptions): Promise<{ ended: number }> {
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'endSessions');
    const ended = await endMemberSessions(em, member);
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.sessions_ended', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null, details: { ended } });
    await em.flush();
    return { ended };
  });
}
