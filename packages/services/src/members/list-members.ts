import { queryRows, type EntityManager } from '@gatehouse/db';
import { AppError, canViewDirectory, type MemberRole, type MemberStatus } from '@gatehouse/domain';
import type { Membership } from './resolve-membership.ts';
import { memberView, type MemberFields, type MemberView } from '../shared/views.ts';

export interface ListMembersOptions {
  em: EntityManager;
  membership: Membership;
  status?: MemberStatus;
  role?: MemberRole;
  search?: string;
  cursor?: string;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The cursor is the last row's sort key (name, id): keyset paging never scans skipped rows. */
function encodeCursor(member: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([member.name, member.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID.test(value[1])) return value as [string, string];
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', { fields: { cursor: 'invalid' } });
}

function escapeLike(search: string): string {
  return search.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Trigram indexes need three characters; a shorter search matches the start of a name or address, through its prefix index. */
export const TRIGRAM_SEARCH_MIN_LENGTH = 3;

/** The ORM's driver leaves timestamps as text. */
type MemberRow = Omit<MemberFields, 'profile' | 'joinedAt' | 'createdAt'> & { profileId: string | null; joinedAt: string | null; createdAt: string };

/**
 * The member directory: name order, optional status and role filters, search
 * by name or contact email. Plain SQL on the hottest admin page: the rows go
 * straight into views, with no entities to hydrate and track.
 */
export async function listMembers(options: ListMembersOptions): Promise<Page<MemberView>> {
  // Access facts only: the directory needs no entities of the caller's membership.
  const { access } = options.membership;
  if (!canViewDirectory(access)) throw new AppError('FORBIDDEN', { requiredRole: 'member' });

  const parameters: unknown[] = [access.workspaceId];
  const where = ['workspace_id = $1'];
  const bind = (value: unknown) => `$${parameters.push(value)}`;
  if (options.status) where.push(`status = ${bind(options.status)}`);
  if (options.role) where.push(`role = ${bind(options.role)}`);
  const search = options.search?.trim();
  if (search && [...search].length >= TRIGRAM_SEARCH_MIN_LENGTH) {
    // What the directory shows, each column with its trigram index: the two combine in one bitmap scan.
    const pattern = bind(`%${escapeLike(search)}%`);
    where.push(`(name ilike ${pattern} or contact_email ilike ${pattern})`);
  } else if (search) {
    const prefix = bind(`${escapeLike(search.toLowerCase())}%`);
    where.push(`(lower(name) like ${prefix} or lower(contact_email) like ${prefix})`);
  }
  if (options.cursor) {
    const [name, id] = decodeCursor(options.cursor);
    where.push(`(name, id) > (${bind(name)}, ${bind(id)}::uuid)`);
  }
  const rows = await queryRows<MemberRow>(
    options.em,
    `select id, name, role, status, position, contact_email as "contactEmail", profile_id as "profileId", joined_at as "joinedAt", created_at as "createdAt"
       from member where ${where.join(' and ')}
      order by name, id limit ${bind(options.limit + 1)}`,
    parameters,
  );
  const items = rows.slice(0, options.limit);
  const creatorId = access.workspaceCreatorId;
  return {
    items: items.map(({ profileId, joinedAt, createdAt, ...row }) =>
      memberView({ ...row, profile: profileId ? { id: profileId } : null, joinedAt: joinedAt ? new Date(joinedAt) : null, createdAt: new Date(createdAt) }, creatorId),
    ),
    nextCursor: rows.length > options.limit ? encodeCursor(items[items.length - 1]!) : null,
  };
}
