import { Task } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { type ManageMemberOptions, lockedTarget } from './managed-member.ts';

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
