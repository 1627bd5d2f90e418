import { findDirectoryRows, type EntityManager } from '@gatehouse/db';
import { AppError, canViewDirectory, isActiveAdmin, isPlausibleEmail, normalizeEmail, type MemberRole, type MemberStatus } from '@gatehouse/domain';
import type { WorkspaceScope } from './resolve-membership.ts';
import { memberView, type MemberView } from '../shared/views.ts';

export interface ListMembersOptions {
  em: EntityManager;
  membership: WorkspaceScope;
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

/** Trigram indexes need three characters; a shorter search matches the start of a name or address, through its prefix index. */
export const TRIGRAM_SEARCH_MIN_LENGTH = 3;

/**
 * The member directory: name order, optional status and role filters, search
 * by name or contact email (and, for admins, the exact login). Plain SQL on the hottest admin page: the rows go
 * straight into views, with no entities to hydrate and track.
 */
export async function listMembers(options: ListMembersOptions): Promise<Page<MemberView>> {
  // Access facts only: the directory needs no entities of the caller's membership.
  const { access } = options.membership;
  if (!canViewDirectory(access)) throw new AppError('FORBIDDEN', { requiredRole: 'member' });

  const search = options.search?.trim();
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await findDirectoryRows(options.em, {
    workspaceId: access.workspaceId,
    status: options.status,
    role: options.role,
    search: search
      ? {
          text: search,
          prefixOnly: [...search].length < TRIGRAM_SEARCH_MIN_LENGTH,
          // Admins also find who signs in with an address (the seeds: the admin looks up the correct login); others see contact emails only.
          loginEmail: isActiveAdmin(access) && isPlausibleEmail(normalizeEmail(search)) ? normalizeEmail(search) : undefined,
        }
      : undefined,
    after: after ? { name: after[0], id: after[1] } : undefined,
    limit: options.limit + 1,
  });
  const items = rows.slice(0, options.limit);
  const creatorId = access.workspaceCreatorId;
  return {
    items: items.map(({ profileId, ...row }) => memberView({ ...row, profile: profileId ? { id: profileId } : null }, creatorId)),
    nextCursor: rows.length > options.limit ? encodeCursor(items[items.length - 1]!) : null,
  };
}
