import { Profile } from '@gatehouse/db';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/**
 * An admin lifts the sign-in lockout of a member (failed passwords and codes
 * counted against their login), e.g. after someone else's guesses locked the
 * owner out.
 */
export async function unlockMemberSignIn(options: ManageMemberOptions & { config: ServiceConfig }): Promise<{ unlocked: true }> {
  const member = await options.em.transactional(async (em) => {
    const target = await lockManagedMember(em, options);
    assertMemberAction(target, 'unlockSignIn');
    recordAudit(em, options.actor, { workspaceId: target.workspace.id, action: 'member.sign_in_unlocked', targetMemberId: target.id, targetProfileId: target.profile?.id ?? null });
    await em.flush();
    return target;
  });
  const profile = await options.em.findOneOrFail(Profile, { id: member.profile!.id });
  await options.config.limits.reset('signInAccount', profile.email);
  await options.config.limits.reset('twoFactor', profile.id);
  return { unlocked: true };
}
