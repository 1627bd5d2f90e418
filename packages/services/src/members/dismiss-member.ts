import type { EntityManager, Member } from '@gatehouse/db';
import type { ServiceConfig } from '../shared/config.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { AppError, isLastAdmin } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { endMemberSessions } from '../sign-in/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';
import { type ManageMemberOptions, lockManagedMember, assertMemberAction, activeAdminCount, assertNotCreatorUnlessSelf } from './managed-member.ts';

/**
 * The dismissal itself, for every door that dismisses (an admin, the
 * company's directory): only an active member, never the last admin; access
 * ends now (sessions, app grants), the row and every record stay, the seat
 * is freed. The caller holds the workspace lock and records the event.
 */
export async function applyDismissal(em: EntityManager, member: Member): Promise<void> {
  assertMemberAction(member, 'dismiss');
  if (isLastAdmin(member, await activeAdminCount(em, member.workspace.id))) throw new AppError('LAST_ADMIN');
  member.status = 'dismissed';
  member.dismissedAt = new Date();
  await endMemberSessions(em, member);
}

/** Dismissal instead of deletion: every record stays, access ends now, in this workspace only. */
export async function dismissMember(options: ManageMemberOptions & { config: ServiceConfig; proof?: Proof }): Promise<MemberView> {
  await assertRecentSignIn({ em: options.em, config: options.config, actor: options.actor, policy: securityPolicyOf(options.membership.workspace), proof: options.proof ?? {} });
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'dismiss');
    assertNotCreatorUnlessSelf(options, member);
    await applyDismissal(em, member);
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.dismissed', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}
