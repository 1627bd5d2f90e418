import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole, MemberStatus } from '@gatehouse/domain';
import { escapeLike, executeStatement, queryRows } from '../sql.ts';

/** A directory row as the page shows it: no entity, timestamps as Dates. */
export interface DirectoryRow {
  id: string;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  position: string | null;
  contactEmail: string | null;
  profileId: string | null;
  joinedAt: Date | null;
  createdAt: Date;
}

export interface DirectoryQuery {
  workspaceId: string;
  status?: MemberStatus | undefined;
  role?: MemberRole | undefined;
  /** Matched anywhere in the name or contact email (trigram indexes), or at their start when `prefixOnly`. */
  search?: { text: string; prefixOnly: boolean } | undefined;
  /** Keyset paging: the rows after this (name, id). */
  after?: { name: string; id: string } | undefined;
  limit: number;
}


type RawDirectoryRow = Omit<DirectoryRow, 'joinedAt' | 'createdAt'> & { joinedAt: string | null; createdAt: string };

/**
 * The member directory in name order: plain SQL on the hottest admin page,
 * the rows going straight into views with no entities to hydrate and track.
 */
export async function findDirectoryRows(em: EntityManager, query: DirectoryQuery): Promise<DirectoryRow[]> {
  const parameters: unknown[] = [query.workspaceId];
  const where = ['workspace_id = $1'];
  const bind = (value: unknown) => `$${parameters.push(value)}`;
  if (query.status) where.push(`status = ${bind(query.status)}`);
  if (query.role) where.push(`role = ${bind(query.role)}`);
  if (query.search && !query.search.prefixOnly) {
    // What the directory shows, each column with its trigram index: the two combine in one bitmap scan.
    const pattern = bind(`%${escapeLike(query.search.text)}%`);
    where.push(`(name ilike ${pattern} or contact_email ilike ${pattern})`);
  } else if (query.search) {
    // Through the prefix indexes on lower(name) and lower(contact_email).
    const prefix = bind(`${escapeLike(query.search.text.toLowerCase())}%`);
    where.push(`(lower(name) like ${prefix} or lower(contact_email) like ${prefix})`);
  }
  if (query.after) where.push(`(name, id) > (${bind(query.after.name)}, ${bind(query.after.id)}::uuid)`);
  const rows = await queryRows<RawDirectoryRow>(
    em,
    `select id, name, role, status, position, contact_email as "contactEmail", profile_id as "profileId", joined_at as "joinedAt", created_at as "createdAt"
       from member where ${where.join(' and ')}
      order by name, id limit ${bind(query.limit)}`,
    parameters,
  );
  // The ORM's driver leaves timestamps as text.
  return rows.map((row) => ({ ...row, joinedAt: row.joinedAt ? new Date(row.joinedAt) : null, createdAt: new Date(row.createdAt) }));
}

/** How many members a workspace has per status, and how many of each are extranet guests: the directory tabs in one grouped query. */
export async function countMembersByStatus(em: EntityManager, workspaceId: string): Promise<{ status: MemberStatus; extranet: boolean; count: number }[]> {
  const rows = await queryRows<{ status: MemberStatus; extranet: boolean; count: string }>(
    em,
    `select status, role = 'extranet' as extranet, count(*) as count from member where workspace_id = $1 group by status, role = 'extranet'`,
    [workspaceId],
  );
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Counts one try of an invitation's mailbox code; false once `max` tries are spent (the code is then dead). */
export async function countInvitationProofAttempt(em: EntityManager, memberId: string, max: number): Promise<boolean> {
  return (await executeStatement(em, 'update member set invitation_proof_attempts = invitation_proof_attempts + 1 where id = $1 and invitation_proof_attempts < $2', [memberId, max])) === 1;
}
