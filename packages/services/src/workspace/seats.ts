import type { EntityManager, Workspace } from '@gatehouse/db';
import { AppError, hasFreeSeats, seatsOf } from '@gatehouse/domain';
import { countSeatsUsed } from './get-workspace.ts';

/** The first statement of every change of a workspace's seats or admins (its rule is at `lockWorkspaceRow`). */
export { lockWorkspaceRow as lockWorkspace } from '@gatehouse/db';

/** Call inside the transaction, after {@link lockWorkspace}. `adding` 0 checks a plan that may have shrunk. */
export async function assertSeatsAvailable(em: EntityManager, workspace: Workspace, adding = 1): Promise<void> {
  const total = seatsOf(workspace.plan);
  const used = await countSeatsUsed(em, workspace.id);
  if (!hasFreeSeats({ used, total, adding })) throw new AppError('SEAT_LIMIT_REACHED', { seatsTotal: total });
}
