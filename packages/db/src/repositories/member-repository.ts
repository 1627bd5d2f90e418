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
  /** When a pending invitation's link stops working; null once accepted or for other ways in. */
  invitationExpiresAt: Date | null;
  createdAt: Date;
}

export interface DirectoryQuery {
  workspaceId: string;
  status?: MemberStatus | undefined;
  role?: MemberRole | undefined;
  /**
   * Matched anywhere in the name or contact email (trigram indexes), or at
   * their start when `prefixOnly`; `loginEmail` also finds the member who
   * signs in with exactly that address (admins look up the right login).
   */
  search?: { text: string; prefixOnly: boolean; loginEmail?: string | undefined } | undefined;
  /** Keyset paging: the rows after this (name, id). */
  after?: { name: string; id: string } | undefined;
  limit: number;
}


type RawDirectoryRow = Omit<DirectoryRow, 'joinedAt' | 'createdAt' | 'invitationExpiresAt'> & { joinedAt: string | null; createdAt: string; invitationExpiresAt: string | null };

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
  // A login is found by its exact address, through the profile's unique index and the member's (profile, workspace) one.
  const byLogin = query.search?.loginEmail ? ` or profile_id = (select id from profile where email = ${bind(query.search.loginEmail)})` : '';
  if (query.search && !query.search.prefixOnly) {
    // What the directory shows, each column with its trigram index: the two combine in one bitmap scan.
    const pattern = bind(`%${escapeLike(query.search.text)}%`);
    where.push(`(name ilike ${pattern} or contact_email ilike ${pattern}${byLogin})`);
  } else if (query.search) {
    // Through the prefix indexes on lower(name) and lower(contact_email).
    const prefix = bind(`${escapeLike(query.search.text.toLowerCase())}%`);
    where.push(`(lower(name) like ${prefix} or lower(contact_email) like ${prefix}${byLogin})`);
  }
  if (query.after) where.push(`(name, id) > (${bind(query.after.name)}, ${bind(query.after.id)}::uuid)`);
  const rows = await queryRows<RawDirectoryRow>(
    em,
    `select id, name, role, status, position, contact_email as "contactEmail", profile_id as "profileId", joined_at as "joinedAt",
            case when status = 'invited' then invitation_expires_at end as "invitationExpiresAt", created_at as "createdAt"
       from member where ${where.join(' and ')}
      order by name, id limit ${bind(query.limit)}`,
    parameters,
  );
  // The ORM's driver leaves timestamps as text.
  return rows.map((row) => ({
    ...row,
    joinedAt: row.joinedAt ? new Date(row.joinedAt) : null,
    invitationExpiresAt: row.invitationExpiresAt ? new Date(row.invitationExpiresAt) : null,
    createdAt: new Date(row.createdAt),
  }));
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
