import type { Member} from '@gatehouse/db';
import { Task, type EntityManager, type Workspace } from '@gatehouse/db';
import { AppError, canInvite, type MemberFacts, type MemberRole } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';

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

/**
 * One more invitation mail from this inviter and this workspace, or
 * RATE_LIMITED: an invitation list is a way to mail strangers, so it is
 * bounded per hour and per day (sent, resent and registrations alike).
 */
export async function countInvitationMail(config: ServiceConfig, options: { inviter: string; workspaceId: string }): Promise<void> {
  await config.limits.consume('invitationMailInviter', options.inviter);
  await config.limits.consume('invitationMailWorkspace', options.workspaceId);
}
