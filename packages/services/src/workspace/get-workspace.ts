import { Member, type EntityManager } from '@gatehouse/db';
import { MEMBER_STATUSES, occupiesSeat } from '@gatehouse/domain';
import { type Membership } from '../members/index.ts';
import { workspaceView, type WorkspaceView } from '../shared/views.ts';

/** The statuses that take a seat of the plan (the domain's rule). */
export const SEAT_STATUSES = MEMBER_STATUSES.filter(occupiesSeat);

/** Seats in use, by the domain's rule of who occupies one. */
export function countSeatsUsed(em: EntityManager, workspaceId: string): Promise<number> {
  return em.count(Member, { workspace: workspaceId, status: { $in: SEAT_STATUSES } });
}

export async function getWorkspace(options: {
  em: EntityManager;
  membership: Membership;
}): Promise<WorkspaceView & { myRole: Member['role']; myMemberId: string; creatorOfferedToMe: boolean }> {
  const { workspace, member } = options.membership;
  return {
    ...workspaceView(workspace, await countSeatsUsed(options.em, workspace.id)),
    myRole: member.role,
    myMemberId: member.id,
    creatorOfferedToMe: workspace.creatorTransferTo === member.id,
  };
}
