import { enqueueMail } from '@gatehouse/mail';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertSeatsAvailable } from '../workspace/index.ts';
import { memberView, type MemberView } from '../shared/views.ts';
import { assertMemberAction, lockManagedMember, type ManageMemberOptions } from './managed-member.ts';

/** A join through the link that waited for an admin: in, with a mail to say so. */
export async function approveMember(options: ManageMemberOptions & { config: ServiceConfig }): Promise<MemberView> {
  return options.em.transactional(async (em) => {
    const member = await lockManagedMember(em, options);
    assertMemberAction(member, 'approve');
    // It already holds a seat; the plan may have shrunk since.
    await assertSeatsAvailable(em, options.membership.workspace, 0);
    member.status = 'active';
    member.joinedAt = new Date();
    const workspace = options.membership.workspace;
    const profile = member.profile ? await member.profile.load() : null;
    if (profile) {
      enqueueMail(em, { to: profile.email, kind: 'join_approved', locale: profile.locale, params: { workspaceName: workspace.name, link: portalLink(options.config, `/signin?workspace=${workspace.slug}`) } });
    }
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'member.approved', targetMemberId: member.id, targetProfileId: member.profile?.id ?? null });
    await em.flush();
    return memberView(member, workspace.creator.id);
  });
}
