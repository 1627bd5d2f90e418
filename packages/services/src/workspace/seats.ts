import { lockWorkspaceRow, type EntityManager, type Workspace } from '@gatehouse/db';
import { AppError, hasFreeSeats, seatsOf } from '@gatehouse/domain';
import { countSeatsUsed } from './get-workspace.ts';

/**
 * Serialises every change of a workspace's seats or admins: the first
 * statement of such a transaction locks the workspace row, so two
 * invitations, two approvals or two demotions cannot both read the old count.
 */
export async function lockWorkspace(em: EntityManager, workspaceId: string): Promise<void> {
  await lockWorkspaceRow(em, workspaceId);
}

/** Call inside the transaction, after {@link lockWorkspace}. `adding` 0 checks a plan that may have shrunk. */
export async function assertSeatsAvailable(em: EntityManager, workspace: Workspace, adding = 1): Promise<void> {
  const total = seatsOf(workspace.plan);
  const used = await countSeatsUsed(em, workspace.id);
  if (!hasFreeSeats({ used, total, adding })) throw new AppError('SEAT_LIMIT_REACHED', { seatsTotal: total });
}
