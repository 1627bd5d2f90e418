import { Task } from '@gatehouse/db';
import { recordAudit } from '../audit/index.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/** A join request turned down: it never became a membership, so it goes. */
export async function rejectMember(options: ManageMemberOptions): Promise<{ rejected: true }> {
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'reject');
    await em.nativeDelete(Task, { assignee: member.id });
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.rejected', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    em.remove(member);
    await em.flush();
    return { rejected: true };
  });
}
