import type { FilterQuery } from '@mikro-orm/core';
import { Member, type EntityManager } from '@gatehouse/db';
import { AppError, canViewDirectory, type MemberRole, type MemberStatus } from '@gatehouse/domain';
import type { Membership } from './resolve-membership.ts';
import { memberView, type MemberView } from './views.ts';

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
function encodeCursor(member: Member): string {
  return Buffer.from(JSON.stringify([member.name, member.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string];
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', { fields: { cursor: 'invalid' } });
}

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The member directory: name order, optional status filter, search by name or contact email. */
export async function listMembers(options: ListMembersOptions): Promise<Page<MemberView>> {
  const { em } = options;
  const { workspace, member } = options.membership;
  if (!canViewDirectory(member)) throw new AppError('FORBIDDEN', { requiredRole: 'member' });

  const conditions: FilterQuery<Member>[] = [{ workspace: workspace.id }];
  if (options.status) conditions.push({ status: options.status });
  if (options.role) conditions.push({ role: options.role });
  const search = options.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    // What the directory shows, each column with its trigram index (no join, so the two combine in one bitmap scan).
    conditions.push({ $or: [{ name: { $ilike: pattern } }, { contactEmail: { $ilike: pattern } }] });
  }
  if (options.cursor) {
    const [name, id] = decodeCursor(options.cursor);
    conditions.push({ $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] });
  }
  const rows = await em.find(Member, { $and: conditions }, { orderBy: { name: 'asc', id: 'asc' }, limit: options.limit + 1 });
  const items = rows.slice(0, options.limit);
  const creatorId = workspace.creator.id;
  return {
    items: items.map((row) => memberView(row, creatorId)),
    nextCursor: rows.length > options.limit ? encodeCursor(items[items.length - 1]!) : null,
  };
}
