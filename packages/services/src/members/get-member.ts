import { Identity, Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, canViewDirectory, isActiveAdmin, memberActions } from '@gatehouse/domain';
import { creatorProtectedFrom, memberStateOf, onlyCreatorDemotes } from './managed-member.ts';
import type { WorkspaceScope } from './resolve-membership.ts';
import { isTwoFactorExempt } from '../sign-in/index.ts';
import { memberView, type MemberDetailView } from '../shared/views.ts';

/** One member of the caller's workspace; an id from elsewhere is simply not found. */
export async function getMember(options: { em: EntityManager; membership: WorkspaceScope; memberId: string }): Promise<MemberDetailView> {
  const { em, memberId } = options;
  const { workspace, access: me } = options.membership;
  // The caller's own profile, for the creator's rules; an API key has none.
  const myProfileId = options.membership.member?.profile?.id ?? null;
  const isSelf = me.memberId === memberId;
  if (!isSelf && !canViewDirectory(me)) throw new AppError('FORBIDDEN', { requiredRole: 'member' });
  const member = await em.findOne(Member, { id: memberId, workspace: workspace.id });
  if (!member) throw new AppError('NOT_FOUND');
  const profile = member.profile ? await em.findOne(Profile, { id: member.profile.id }, { populate: ['passwordHash'] }) : null;
  const creatorProtected = creatorProtectedFrom(workspace.creator.id, myProfileId, member);
  const identity = profile && !profile.passwordHash ? await em.findOne(Identity, { profile: profile.id }, { orderBy: { createdAt: 'asc' } }) : null;
  const signIn = profile ? (identity ? { kind: 'social' as const, provider: identity.provider } : { kind: 'email' as const, email: profile.email }) : null;
  return {
    ...memberView(member, workspace.creator.id),
    mailboxEmail: member.mailboxEmail ?? null,
    ...(isActiveAdmin(me) || isSelf ? { signIn } : {}),
    ...(isActiveAdmin(me)
      ? {
          // The seeds' three addresses: a person may sign in with another address than the one the workspace writes to.
          // What the status machine allows now: the console offers these and nothing else.
          // The creator's rights are the creator's alone: other admins are not offered what would be refused.
          actions: memberActions(memberStateOf(member)).filter((action) => action !== 'dismiss' || !creatorProtected),
          canChangeRole: !creatorProtected && !onlyCreatorDemotes(workspace.creator.id, myProfileId, member),
          profileDeleted: member.departedProfileId != null,
          loginDiffersFromContact: signIn?.kind === 'email' && member.contactEmail != null && signIn.email !== member.contactEmail,
          twoFactor: profile
            ? { enabled: profile.twoFactorEnabledAt != null, exempt: isTwoFactorExempt(member), exemptUntil: isTwoFactorExempt(member) ? (member.twoFactorExemptUntil?.toISOString() ?? null) : null }
            : null,
        }
      : {}),
  };
}
