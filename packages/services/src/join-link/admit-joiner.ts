import { Member, type EntityManager, type Profile, type Workspace } from '@gatehouse/db';
import type { MemberRole, MemberSource } from '@gatehouse/domain';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { addCompleteProfileTask } from '../invitations/index.ts';

/**
 * A person who joins by themselves (the quick-join link, a verified domain, single sign-on)
 * becomes a member the one way: named and reachable by their login, in from
 * now when active, with the task to complete their profile, and audited as a
 * join or a request to join. The caller holds the workspace lock and checked
 * the seats.
 */
export function admitJoiner(
  em: EntityManager,
  options: { workspace: Workspace; profile: Profile; role: MemberRole; status: 'invited' | 'active' | 'awaiting_approval'; source: Extract<MemberSource, 'join_link' | 'domain' | 'sso'>; actor: AuditActor; details?: Record<string, unknown> },
): Member {
  const { workspace, profile, status } = options;
  const member = em.create(Member, {
    workspace,
    profile,
    role: options.role,
    status,
    source: options.source,
    name: profile.name,
    contactEmail: profile.email,
    joinedAt: status === 'active' ? new Date() : null,
  });
  addCompleteProfileTask(em, workspace, member);
  recordAudit(em, options.actor, {
    workspaceId: workspace.id,
    action: status === 'active' ? 'member.joined' : 'member.join_requested',
    targetMemberId: member.id,
    targetProfileId: profile.id,
    details: { email: profile.email, status, ...options.details },
  });
  return member;
}
