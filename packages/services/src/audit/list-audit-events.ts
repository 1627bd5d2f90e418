import { AuditEvent, Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { type Page, type Membership } from '../members/index.ts';

export interface AuditEventView {
  id: string;
  action: string;
  actor: { profileId: string; name: string } | null;
  target: { memberId: string | null; name: string | null };
  details: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) throw new AppError('INVALID_INPUT', { fields: { cursor: 'invalid' } });
  return [at, id];
}

/** The workspace's security and membership events, newest first, keyset-paged. */
export async function listAuditEvents(options: { em: EntityManager; membership: Membership; cursor?: string; limit: number }): Promise<Page<AuditEventView>> {
  const { em, membership } = options;
  const where: Record<string, unknown> = { workspaceId: membership.workspace.id };
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor);
    where.$or = [{ createdAt: { $lt: new Date(at) } }, { createdAt: new Date(at), id: { $lt: id } }];
  }
  const rows = await em.find(AuditEvent, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit + 1 });
  const items = rows.slice(0, options.limit);
  const profileIds = [...new Set(items.map((row) => row.actorProfileId).filter((id): id is string => !!id))];
  const memberIds = [...new Set(items.map((row) => row.targetMemberId).filter((id): id is string => !!id))];
  const profiles = new Map((await em.find(Profile, { id: { $in: profileIds } })).map((profile) => [profile.id, profile.name]));
  const members = new Map((await em.find(Member, { id: { $in: memberIds }, workspace: membership.workspace.id })).map((member) => [member.id, member.name]));
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actorProfileId ? { profileId: row.actorProfileId, name: profiles.get(row.actorProfileId) ?? '—' } : null,
      target: { memberId: row.targetMemberId ?? null, name: row.targetMemberId ? (members.get(row.targetMemberId) ?? (row.details?.email as string | undefined) ?? null) : null },
      details: row.details ?? null,
      ipAddress: row.ipAddress ?? null,
      userAgent: row.userAgent ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}
