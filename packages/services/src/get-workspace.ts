import { Member, type EntityManager } from '@gatehouse/db';
import { MEMBER_STATUSES, occupiesSeat } from '@gatehouse/domain';
import type { Actor } from './actor.ts';
import { resolveMembership } from './resolve-membership.ts';
import { workspaceView, type WorkspaceView } from './views.ts';

const SEAT_STATUSES = MEMBER_STATUSES.filter(occupiesSeat);

/** Seats in use, by the domain's rule of who occupies one. */
export function countSeatsUsed(em: EntityManager, workspaceId: string): Promise<number> {
  return em.count(Member, { workspace: workspaceId, status: { $in: SEAT_STATUSES } });
}

export async function getWorkspace(options: { em: EntityManager; actor: Actor; slug: string }): Promise<WorkspaceView & { myRole: Member['role'] }> {
  const { workspace, member } = await resolveMembership(options);
  return { ...workspaceView(workspace, await countSeatsUsed(options.em, workspace.id)), myRole: member.role };
}
