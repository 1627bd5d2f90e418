import { Member, type EntityManager } from '@gatehouse/db';
import { AppError, fieldChanges, normalizeEmail } from '@gatehouse/domain';
import type { Caller } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { assertEmailFree } from '../profile/index.ts';
import type { WorkspaceScope } from './resolve-membership.ts';
import { assertStillMayManage } from './managed-member.ts';
import { memberView, type MemberView } from '../shared/views.ts';

export interface UpdateMemberOptions {
  em: EntityManager;
  actor: Caller;
  membership: WorkspaceScope;
  memberId: string;
  position?: string | null;
  /** Where the workspace writes to this person; not a login. Admins and the member may change it. */
  contactEmail?: string | null;
  /** Informational only. */
  mailboxEmail?: string | null;
}

/** What the trail records of an edit: each detail that changed, from → to. */
function memberDetails(member: Member) {
  return { contactEmail: member.contactEmail ?? null, position: member.position ?? null, mailboxEmail: member.mailboxEmail ?? null };
}
const MEMBER_DETAILS = ['contactEmail', 'position', 'mailboxEmail'] as const;

/** The workspace's own details about a member; the login email is the profile owner's alone to change. */
export async function updateMember(options: UpdateMemberOptions): Promise<MemberView> {
  const { membership } = options;
  const isSelf = membership.access.memberId === options.memberId;
  return options.em.transactional(async (em) => {
    if (!isSelf) await assertStillMayManage(em, options);
    const member = await em.findOne(Member, { id: options.memberId, workspace: membership.workspace.id });
    if (!member) throw new AppError('NOT_FOUND');
    const before = memberDetails(member);
    if (options.contactEmail !== undefined) {
      const contactEmail = options.contactEmail ? normalizeEmail(options.contactEmail) : null;
      if (contactEmail && contactEmail !== member.contactEmail) {
        await assertEmailFree(em, { email: contactEmail, workspaceId: membership.workspace.id, exceptMemberId: member.id });
      }
      member.contactEmail = contactEmail;
    }
    if (options.position !== undefined) member.position = options.position?.trim() || null;
    if (options.mailboxEmail !== undefined) member.mailboxEmail = options.mailboxEmail ? normalizeEmail(options.mailboxEmail) : null;
    const changes = fieldChanges(before, memberDetails(member), MEMBER_DETAILS);
    if (Object.keys(changes).length) recordAudit(em, options.actor, { workspaceId: membership.workspace.id, action: 'member.updated', targetMemberId: member.id, details: changes });
    await em.flush();
    return memberView(member, membership.workspace.creator.id);
  });
}
