import { generatePassword, hashPassword } from '@gatehouse/auth';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { normalizeEmail } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertEmailFree } from '../profile/index.ts';
import { addCompleteProfileTask, assertMayInvite, countInvitationMail } from './invitation-rules.ts';
import { type Membership } from '../members/index.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';

export interface RegisterMemberOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  config: ServiceConfig;
  name: string;
  email: string;
  position?: string | null;
}

/**
 * Direct registration: the person is added at once with a generated password
 * sent by mail, which signs in once within its lifetime and must then be
 * replaced. An address that
 * already has a profile cannot be given a password: invite it by email instead.
 */
export async function registerMember(options: RegisterMemberOptions): Promise<MemberView> {
  const { actor, membership, config } = options;
  const { workspace, member: inviter } = membership;
  assertMayInvite(inviter, workspace, 'employee');
  const email = normalizeEmail(options.email);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);

  return options.em.transactional(async (em) => {
    await lockWorkspace(em, workspace.id);
    // The workspace's own holder is named first: it is the one the admin can fix.
    await assertEmailFree(em, { email, workspaceId: workspace.id });
    await assertEmailFree(em, { email, network: true });
    await assertSeatsAvailable(em, workspace);
    await countInvitationMail(config, { inviter: actor.profileId, workspaceId: workspace.id });
    // Only the owner of the mailbox learns the generated password: signing in with it proves the address.
    const temporaryPasswordExpiresAt = new Date(Date.now() + config.lifetimes.temporaryPasswordMs);
    const profile = em.create(Profile, {
      email,
      name: options.name.trim(),
      passwordHash,
      mustChangePassword: true,
      temporaryPasswordExpiresAt,
      locale: actor.locale,
      emailVerifiedAt: new Date(),
    });
    const member = em.create(Member, {
      workspace: workspace.id,
      profile,
      role: 'employee',
      status: 'active',
      source: 'registration',
      name: profile.name,
      contactEmail: email,
      position: options.position?.trim() || null,
      invitedBy: actor.profileId,
      joinedAt: new Date(),
    });
    addCompleteProfileTask(em, workspace, member);
    enqueueMail(em, {
      to: email,
      kind: 'registration',
      locale: actor.locale,
      params: { workspaceName: workspace.name, inviterName: inviter.name, email, password, link: portalLink(config, `/signin?workspace=${workspace.slug}`), expiresAt: temporaryPasswordExpiresAt },
    });
    recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.registered', targetMemberId: member.id, targetProfileId: profile.id, details: { email } });
    await em.flush();
    return memberView(member, workspace.creator.id);
  });
}
