import { Task } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/** Only a never-accepted invitation goes, and only once its tasks are deleted (the seeds' "Complete your profile"). */
export async function deleteMember(options: ManageMemberOptions): Promise<{ deleted: true }> {
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'delete');
    const taskCount = await em.count(Task, { assignee: member.id });
    if (taskCount > 0) throw new AppError('MEMBER_HAS_TASKS', { taskCount });
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.deleted', targetMemberId: member.id, details: { email: member.contactEmail } });
    // The invitation link dies with the row that holds its hash.
    em.remove(member);
    await em.flush();
    return { deleted: true };
  });
}
