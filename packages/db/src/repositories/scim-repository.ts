import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../sql.ts';

/** How many members each of these directory groups has, in one grouped count (groups without members are absent). */
export async function countScimGroupMembers(em: EntityManager, groupIds: readonly string[]): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const rows = await queryRows<{ groupId: string; count: string }>(em, 'select group_id as "groupId", count(*) as count from scim_group_member where group_id = any($1::uuid[]) group by group_id', [groupIds]);
  return new Map(rows.map((row) => [row.groupId, Number(row.count)]));
}
