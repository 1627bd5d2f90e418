import type { ServiceConfig } from '../shared/config.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { AppError, isLastAdmin } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { endMemberSessions } from '../sign-in/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';
import { type ManageMemberOptions, lockManagedMember, assertMemberAction, activeAdminCount, assertNotCreatorUnlessSelf } from './managed-member.ts';

/** Dismissal instead of deletion: every record stays, access ends now, in this workspace only. */
export async function dismissMember(options: ManageMemberOptions & { config: ServiceConfig; proof?: Proof }): Promise<MemberView> {
  await assertRecentSignIn({ em: options.em, config: options.config, actor: options.actor, policy: securityPolicyOf(options.membership.workspace), proof: options.proof ?? {} });
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'dismiss');
    assertNotCreatorUnlessSelf(options, member);
    if (isLastAdmin(member, await activeAdminCount(em, member.workspace.id))) throw new AppError('LAST_ADMIN');
    member.status = 'dismissed';
    member.dismissedAt = new Date();
    await endMemberSessions(em, member);
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.dismissed', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}
