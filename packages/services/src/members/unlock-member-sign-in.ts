import { Profile } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { type ManageMemberOptions, lockedTarget } from './managed-member.ts';

/**
 * An admin lifts the sign-in lockout of a member (failed passwords and codes
 * counted against their login), e.g. after someone else's guesses locked the
 * owner out.
 */
export async function unlockMemberSignIn(options: ManageMemberOptions & { config: ServiceConfig }): Promise<{ unlocked: true }> {
  const member = await options.em.transactional(async (em) => {
    const target = await lockedTarget(em, options);
    if (!target.profile || target.status !== 'active') throw new AppError('NOT_FOUND');
    recordAudit(em, options.actor, { workspaceId: target.workspace.id, action: 'member.sign_in_unlocked', targetMemberId: target.id, targetProfileId: target.profile.id });
    await em.flush();
    return target;
  });
  const profile = await options.em.findOneOrFail(Profile, { id: member.profile!.id });
  await options.config.limits.reset('signInAccount', profile.email);
  await options.config.limits.reset('twoFactor', profile.id);
  return { unlocked: true };
}
