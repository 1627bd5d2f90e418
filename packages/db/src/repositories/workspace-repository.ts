import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, queryRows } from '../sql.ts';

/**
 * The workspace's sign-in clock: any sign-in at the workspace restarts its
 * abandoned-workspace countdown and the warnings already sent. The one SET
 * clause both the plain statement and the known-device sign-in statement use.
 */
export const RESTART_SIGN_IN_CLOCK = (nowParameter: string) => `last_sign_in_at = ${nowParameter}, cleanup_warnings_sent = 0`;

export async function restartSignInClock(em: EntityManager, workspaceId: string, now: Date): Promise<void> {
  await executeStatement(em, `update workspace set ${RESTART_SIGN_IN_CLOCK('$2')} where id = $1`, [workspaceId, now]);
}

/**
 * Serialises every change of a workspace's seats or admins: the first
 * statement of such a transaction locks the workspace row, so two
 * invitations, two approvals or two demotions cannot both read the old count.
 * `FOR NO KEY UPDATE`, not `FOR UPDATE`: lockers still wait for each other,
 * but rows that merely reference the workspace (an audit event, an accepted
 * invitation, a task) check their foreign key with a key-share lock, which
 * `FOR UPDATE` would make wait too.
 */
export async function lockWorkspaceRow(em: EntityManager, workspaceId: string): Promise<void> {
  await queryRows(em, 'select id from workspace where id = $1 for no key update', [workspaceId]);
}

/** The id behind a workspace address, or null when no workspace has it. */
export async function workspaceIdOfSlug(em: EntityManager, slug: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(em, 'select id from workspace where slug = $1', [slug]);
  return row?.id ?? null;
}

/** How many members of each workspace are in one of `statuses` (the seats they take), in one grouped query. */
export async function countMembersOfWorkspaces(em: EntityManager, workspaceIds: readonly string[], statuses: readonly string[]): Promise<Map<string, number>> {
  if (!workspaceIds.length) return new Map();
  const rows = await queryRows<{ workspaceId: string; count: string }>(
    em,
    'select workspace_id as "workspaceId", count(*) as count from member where workspace_id = any($1::uuid[]) and status = any($2::text[]) group by workspace_id',
    [workspaceIds, statuses],
  );
  return new Map(rows.map((row) => [row.workspaceId, Number(row.count)]));
}
