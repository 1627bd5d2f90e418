import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole, MemberStatus } from '@gatehouse/domain';
import { queryPrepared } from '../sql.ts';

/** A member row and its workspace row, as PostgreSQL's `to_jsonb` gives them (column names). */
export interface MembershipRows {
  member: Record<string, unknown> & { id: string; role: MemberRole; status: MemberStatus };
  workspace: Record<string, unknown> & { id: string; creator_id: string };
}

const MEMBERSHIP_SQL = `
  select to_jsonb(m) as member, to_jsonb(w) as workspace
    from workspace w
    join member m on m.workspace_id = w.id and m.profile_id = $2
   where w.slug = $1`;

/**
 * A profile's member row at the workspace with this address, and the
 * workspace's row: the lookup in front of every workspace call, so it is one
 * prepared statement, and its rows become entities only when a caller needs
 * them (`em.map`).
 */
export async function findMembershipRows(em: EntityManager, options: { slug: string; profileId: string }): Promise<MembershipRows | null> {
  const [row] = await queryPrepared<MembershipRows>(em, 'gatehouse_membership', MEMBERSHIP_SQL, [options.slug, options.profileId]);
  return row ?? null;
}
