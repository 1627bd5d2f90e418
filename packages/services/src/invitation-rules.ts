import type { Member} from '@gatehouse/db';
import { Task, type EntityManager, type Workspace } from '@gatehouse/db';
import { AppError, canInvite, type MemberFacts, type MemberRole } from '@gatehouse/domain';

/** Invitations live a week by default. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
/** The seeds' default task for every invited member. */
export const COMPLETE_PROFILE_TASK = 'Complete your profile';

/** Admins always; employees when the workspace allows it, and never for a role above their own. */
export function assertMayInvite(inviter: MemberFacts, workspace: Workspace, role: MemberRole): void {
  if (!canInvite(inviter, { anyoneCanInvite: workspace.anyoneCanInvite })) throw new AppError('INVITE_NOT_ALLOWED');
  if (role === 'admin' && inviter.role !== 'admin') throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
}

export function addCompleteProfileTask(em: EntityManager, workspace: Workspace, member: Member): void {
  em.create(Task, { workspace, assignee: member, kind: 'complete_profile', title: COMPLETE_PROFILE_TASK });
}
