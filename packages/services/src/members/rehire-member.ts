import { type MemberRole } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { assertSeatsAvailable } from '../workspace/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/**
 * Back, if the plan has a free seat, with the role the admin chooses (by
 * default the one they had). Sessions from before the dismissal stay dead:
 * the person signs in again.
 */
export async function rehireMember(options: ManageMemberOptions & { role?: MemberRole | undefined }): Promise<MemberView> {
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'rehire');
    await assertSeatsAvailable(em, options.membership.workspace);
    const from = member.role;
    member.status = 'active';
    member.dismissedAt = null;
    if (options.role) member.role = options.role;
    recordAudit(em, options.actor, {
      workspaceId: member.workspace.id,
      action: 'member.rehired',
      targetMemberId: member.id,
      targetProfileId: member.profile?.id ?? null,
      details: { role: member.role, ...(from !== member.role ? { previousRole: from } : {}) },
    });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}
