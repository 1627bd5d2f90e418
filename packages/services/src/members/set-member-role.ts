import { AppError, isLastAdmin, type MemberRole } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import type { Actor } from '../shared/actor.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';
import { type ManageMemberOptions, lockManagedMember, activeAdminCount, assertNotCreatorUnlessSelf, onlyCreatorDemotes } from './managed-member.ts';

/** A change of rights, with a recent sign-in (or the admin's confirmation now): a person's act, never an API key's. */
export async function setMemberRole(options: ManageMemberOptions & { actor: Actor; role: MemberRole; config: ServiceConfig; proof: Proof }): Promise<MemberView> {
  await assertRecentSignIn({ em: options.em, config: options.config, actor: options.actor, policy: securityPolicyOf(options.membership.workspace), proof: options.proof });
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    if (member.role === options.role) return memberView(member, options.membership.workspace.creator.id);
    if (member.role === 'admin') {
      assertNotCreatorUnlessSelf(options, member);
      if (isLastAdmin(member, await activeAdminCount(em, member.workspace.id))) throw new AppError('LAST_ADMIN');
    }
    if (onlyCreatorDemotes(options.membership.workspace.creator.id, options.actor.profileId, member)) throw new AppError('CREATOR_PROTECTED');
    const from = member.role;
    member.role = options.role;
    recordAudit(em, options.actor, { workspaceId: member.workspace.id, action: 'member.role_changed', targetMemberId: member.id, details: { from, to: options.role } });
    await em.flush();
    return memberView(member, options.membership.workspace.creator.id);
  });
}
