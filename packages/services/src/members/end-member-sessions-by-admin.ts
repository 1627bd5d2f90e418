import { AppError } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { endMemberSessions } from '../sign-in/index.ts';
import { type ManageMemberOptions, lockedTarget } from './managed-member.ts';

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
