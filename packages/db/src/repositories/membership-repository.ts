import type { EntityManager } from '@mikro-orm/postgresql';
import { Member, Workspace } from '../entities/index.ts';
import { queryPrepared } from '../sql.ts';

const MEMBERSHIP_SQL = `
  select to_jsonb(m) as member, to_jsonb(w) as workspace
    from workspace w
    join member m on m.workspace_id = w.id and m.profile_id = $2
   where w.slug = $1`;

/**
 * A profile's member row at the workspace with this address, and the
 * workspace, as managed entities: the lookup in front of every workspace
 * call, so it is a prepared statement mapped straight to the entities.
 */
export async function findMembershipOf(em: EntityManager, options: { slug: string; profileId: string }): Promise<{ workspace: Workspace; member: Member } | null> {
  const [row] = await queryPrepared<{ member: Record<string, unknown>; workspace: Record<string, unknown> }>(em, 'gatehouse_membership', MEMBERSHIP_SQL, [
    options.slug,
    options.profileId,
  ]);
  if (!row) return null;
  const workspace = em.map(Workspace, row.workspace);
  return { workspace, member: em.map(Member, row.member) };
}
