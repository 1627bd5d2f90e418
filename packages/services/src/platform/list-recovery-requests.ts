import { RecoveryRequest, type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import { assertStaff } from './assert-staff.ts';

export interface RecoveryRequestView {
  id: string;
  status: string;
  workspace: { slug: string; name: string };
  requester: { name: string; email: string | null };
  proposedAdmin: { memberId: string; name: string; email: string | null };
  formerAdminName: string;
  formerAdminLogin: string;
  statement: string;
  letter: { name: string; type: string };
  reviewNote: string | null;
  /** Until when the workspace's admins may refuse it (staff decide after); null when it had none. */
  adminsUntil: string | null;
  /** The admin who refused it, when one did. */
  refusedBy: { name: string } | null;
  createdAt: string;
  reviewedAt: string | null;
}

export async function listRecoveryRequests(options: { em: EntityManager; actor: Actor; status?: 'pending' | 'approved' | 'rejected' | 'refused' }): Promise<RecoveryRequestView[]> {
  assertStaff(options.actor);
  const requests = await options.em.find(
    RecoveryRequest,
    options.status ? { status: options.status } : {},
    { populate: ['workspace', 'requester', 'proposedAdmin', 'proposedAdmin.profile', 'requester.profile', 'refusedBy'], orderBy: { createdAt: 'desc' }, limit: 200 },
  );
  return requests.map((request) => {
    const workspace = request.workspace.getEntity();
    const requester = request.requester.getEntity();
    const proposed = request.proposedAdmin.getEntity();
    return {
      id: request.id,
      status: request.status,
      workspace: { slug: workspace.slug, name: workspace.name },
      requester: { name: requester.name, email: requester.profile?.getEntity().email ?? requester.contactEmail ?? null },
      proposedAdmin: { memberId: proposed.id, name: proposed.name, email: proposed.profile?.getEntity().email ?? null },
      formerAdminName: request.formerAdminName,
      formerAdminLogin: request.formerAdminLogin,
      statement: request.statement,
      letter: { name: request.letterName, type: request.letterType },
      reviewNote: request.reviewNote ?? null,
      adminsUntil: request.adminsUntil?.toISOString() ?? null,
      refusedBy: request.refusedBy ? { name: request.refusedBy.getEntity().name } : null,
      createdAt: request.createdAt.toISOString(),
      reviewedAt: request.reviewedAt?.toISOString() ?? null,
    };
  });
}
