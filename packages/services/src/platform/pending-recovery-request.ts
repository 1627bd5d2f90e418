import { RecoveryRequest, type EntityManager } from '@gatehouse/db';
import { type Membership } from '../members/index.ts';

export interface PendingRecoveryView {
  id: string;
  requester: { name: string };
  proposedAdmin: { memberId: string; name: string };
  formerAdminName: string;
  statement: string;
  createdAt: string;
  /** Until when this workspace's admins may refuse it; null when it had none (staff may decide at once). */
  adminsUntil: string | null;
}

/** The request for a new administrator waiting for this workspace, if any: what its admins see in the console. */
export async function getPendingRecoveryRequest(options: { em: EntityManager; membership: Membership }): Promise<PendingRecoveryView | null> {
  const request = await options.em.findOne(
    RecoveryRequest,
    { workspace: options.membership.workspace.id, status: 'pending' },
    { populate: ['requester', 'proposedAdmin'] },
  );
  if (!request) return null;
  return {
    id: request.id,
    requester: { name: request.requester.getEntity().name },
    proposedAdmin: { memberId: request.proposedAdmin.id, name: request.proposedAdmin.getEntity().name },
    formerAdminName: request.formerAdminName,
    statement: request.statement,
    createdAt: request.createdAt.toISOString(),
    adminsUntil: request.adminsUntil?.toISOString() ?? null,
  };
}
