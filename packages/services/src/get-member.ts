import { Member, type EntityManager } from '@gatehouse/db';
import { AppError, canViewDirectory, isActiveAdmin } from '@gatehouse/domain';
import type { Membership } from './resolve-membership.ts';
import { memberView, type MemberDetailView } from './views.ts';

/** One member of the caller's workspace; an id from elsewhere is simply not found. */
export async function getMember(options: { em: EntityManager; membership: Membership; memberId: string }): Promise<MemberDetailView> {
  const { em, memberId } = options;
  const { workspace, member: me } = options.membership;
  const isSelf = me.id === memberId;
  if (!isSelf && !canViewDirectory(me)) throw new AppError('FORBIDDEN', { requiredRole: 'member' });
  const member = await em.findOne(Member, { id: memberId, workspace: workspace.id }, { populate: ['profile'] });
  if (!member) throw new AppError('NOT_FOUND');
  const profile = member.profile?.getEntity() ?? null;
  return {
    ...memberView(member, workspace.creator.id),
    mailboxEmail: member.mailboxEmail ?? null,
    ...(isActiveAdmin(me) || isSelf ? { signIn: profile ? { kind: 'email' as const, email: profile.email } : null } : {}),
    ...(isActiveAdmin(me)
      ? { twoFactor: profile ? { enabled: profile.twoFactorEnabledAt != null, suspendedUntil: profile.twoFactorSuspendedUntil?.toISOString() ?? null } : null }
      : {}),
  };
}
