import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Member } from '../entities/member.ts';
import { queryPrepared, queryRows } from '../sql.ts';

/** How many members each of these directory groups has, in one grouped count (groups without members are absent). */
export async function countScimGroupMembers(em: EntityManager, groupIds: readonly string[]): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const rows = await queryRows<{ groupId: string; count: string }>(em, 'select group_id as "groupId", count(*) as count from scim_group_member where group_id = any($1::uuid[]) group by group_id', [groupIds]);
  return new Map(rows.map((row) => [row.groupId, Number(row.count)]));
}

/** A SCIM token as a directory's request needs it: found by its secret's hash, with its workspace's slug. */
export interface ScimTokenRecord {
  id: string;
  name: string;
  workspaceId: string;
  workspaceSlug: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Every SCIM request starts here: one prepared statement, no entities. */
export async function findScimTokenBySecret(em: EntityManager, secretHash: string): Promise<ScimTokenRecord | null> {
  const rows = await queryPrepared<Omit<ScimTokenRecord, 'revokedAt' | 'lastUsedAt'> & { revokedAt: string | null; lastUsedAt: string | null }>(
    em,
    'scim_token_by_secret',
    `select t.id, t.name, t.workspace_id as "workspaceId", w.slug as "workspaceSlug", t.revoked_at as "revokedAt", t.last_used_at as "lastUsedAt"
       from scim_token t join workspace w on w.id = t.workspace_id where t.secret_hash = $1`,
    [secretHash],
  );
  const row = rows[0];
  // The pool hands timestamps over as text (the ORM parses its own).
  return row ? { ...row, revokedAt: row.revokedAt ? new Date(row.revokedAt) : null, lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt) : null } : null;
}

/** A member as the directory sees them: the columns of a SCIM User, and their login. */
export interface ScimUserRow {
  id: string;
  externalId: string | null;
  directoryUserName: string | null;
  login: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  position: string | null;
  status: string;
  contactEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A page of members matching `where` (the SCIM filter as the ORM's query),
 * oldest first, with the number of all matches — in one statement, as plain
 * rows: a directory reads a hundred at a time and hydrating them as entities
 * costs more than the query.
 */
export async function scimUserPage(em: EntityManager, where: FilterQuery<Member>, paging: { offset: number; limit: number }): Promise<{ rows: ScimUserRow[]; total: number | null }> {
  const found = await em
    .createQueryBuilder(Member, 'm')
    .select([
      'm.id',
      raw('m.external_id as "externalId"'),
      raw('m.directory_user_name as "directoryUserName"'),
      raw('p.email as "login"'),
      'm.name',
      raw('m.given_name as "givenName"'),
      raw('m.family_name as "familyName"'),
      'm.position',
      'm.status',
      raw('m.contact_email as "contactEmail"'),
      raw('m.created_at as "createdAt"'),
      raw('m.updated_at as "updatedAt"'),
      raw('count(*) over () as "total"'),
    ])
    .leftJoin('m.profile', 'p')
    // The same query as em.find() takes; the builder's own type for it is stricter than find()'s.
    .where(where as Parameters<ReturnType<EntityManager['createQueryBuilder']>['where']>[0])
    .orderBy({ createdAt: 'asc', id: 'asc' })
    .offset(paging.offset)
    .limit(paging.limit)
    .execute<(Omit<ScimUserRow, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string; total: string })[]>('all', false);
  const rows = found.map(({ total: _total, createdAt, updatedAt, ...row }) => ({ ...row, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) }));
  // Past the last match there is no row to carry the count.
  return { rows, total: found.length ? Number(found[0]!.total) : null };
}

/** The directory groups of each of these members, by name. */
export async function scimGroupsOfMembers(em: EntityManager, memberIds: readonly string[]): Promise<Map<string, { id: string; displayName: string }[]>> {
  const byMember = new Map<string, { id: string; displayName: string }[]>();
  if (!memberIds.length) return byMember;
  const rows = await queryRows<{ memberId: string; id: string; displayName: string }>(
    em,
    'select gm.member_id as "memberId", g.id, g.display_name as "displayName" from scim_group_member gm join scim_group g on g.id = gm.group_id where gm.member_id = any($1::uuid[]) order by g.display_name',
    [memberIds],
  );
  for (const { memberId, ...group } of rows) byMember.set(memberId, [...(byMember.get(memberId) ?? []), group]);
  return byMember;
}
