import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement } from '../sql.ts';

/**
 * The workspace's sign-in clock: any sign-in at the workspace restarts its
 * abandoned-workspace countdown and the warnings already sent. The one SET
 * clause both the plain statement and the known-device sign-in statement use.
 */
export const RESTART_SIGN_IN_CLOCK = (nowParameter: string) => `last_sign_in_at = ${nowParameter}, cleanup_warnings_sent = 0`;

export async function restartSignInClock(em: EntityManager, workspaceId: string, now: Date): Promise<void> {
  await executeStatement(em, `update workspace set ${RESTART_SIGN_IN_CLOCK('$2')} where id = $1`, [workspaceId, now]);
}
