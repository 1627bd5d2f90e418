import { ApiKey, AuditEvent, escapeLike, Member, Profile, ScimToken, type EntityManager } from '@gatehouse/db';
import { AppError, AUDIT_ACTIONS, type AuditAction, type AuditActionGroup } from '@gatehouse/domain';
import { type Page, type WorkspaceScope } from '../members/index.ts';

export interface AuditEventView {
  id: string;
  action: string;
  /** A person, one of the workspace's API keys (`apiKeyId`) or its directory's SCIM tokens (`scimTokenId`), named as its admins named it; null for the system. */
  actor: { profileId: string | null; apiKeyId: string | null; scimTokenId: string | null; name: string } | null;
  target: { memberId: string | null; name: string | null };
  details: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** Where a newest-first page of events ended, as its last event's time and id. */
export function auditCursorOf(last: Pick<AuditEvent, 'createdAt' | 'id'>): string {
  return Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url');
}

/** The condition for the events after `cursor`, newest first. */
export function afterAuditCursor(cursor: string): Record<string, unknown> {
  const [at, id] = decodeCursor(cursor);
  return { $or: [{ createdAt: { $lt: new Date(at) } }, { createdAt: new Date(at), id: { $lt: id } }] };
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) throw new AppError('INVALID_INPUT', { fields: { cursor: 'invalid' } });
  return [at, id];
}

export interface AuditFilter {
  /** Part of the actor's name or login email. */
  actor?: string;
  /** One action, or every action of a kind (`member`, `sign_in`, …). */
  action?: AuditAction | AuditActionGroup;
  /** Events at or after this moment. */
  from?: Date;
  /** Events before this moment. */
  to?: Date;
}

/** How many people an actor search may match: a name common enough to match more is narrowed by typing more. */
const ACTOR_MATCHES = 200;

function actorOf(row: AuditEvent, names: { profiles: Map<string, string>; keyNames: Map<string, string>; scimTokenNames: Map<string, string> }): AuditEventView['actor'] {
  const none = { profileId: null, apiKeyId: null, scimTokenId: null };
  if (row.actorProfileId) return { ...none, profileId: row.actorProfileId, name: names.profiles.get(row.actorProfileId) ?? '—' };
  if (row.actorApiKeyId) return { ...none, apiKeyId: row.actorApiKeyId, name: names.keyNames.get(row.actorApiKeyId) ?? '—' };
  if (row.actorScimTokenId) return { ...none, scimTokenId: row.actorScimTokenId, name: names.scimTokenNames.get(row.actorScimTokenId) ?? '—' };
  return null;
}

/** The workspace's security and membership events, newest first, keyset-paged, optionally filtered. */
export async function listAuditEvents(options: { em: EntityManager; membership: WorkspaceScope; cursor?: string; limit: number; filter?: AuditFilter }): Promise<Page<AuditEventView>> {
  return auditPage({ em: options.em, workspaceId: options.membership.workspace.id, limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}), ...(options.filter ? { filter: options.filter } : {}) });
}

/** One page of a workspace's trail: what the console lists and what an export streams, page after page. */
export async function auditPage(options: { em: EntityManager; workspaceId: string; cursor?: string; limit: number; filter?: AuditFilter }): Promise<Page<AuditEventView>> {
  const { em } = options;
  const filter = options.filter ?? {};
  const where: Record<string, unknown> = { workspaceId: options.workspaceId };
  if (filter.action) {
    where.action = filter.action.includes('.') ? filter.action : { $in: AUDIT_ACTIONS.filter((action) => action.startsWith(`${filter.action}.`)) };
  }
  if (filter.from || filter.to) where.createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor)}%`;
    const actors = await em.find(Profile, { $or: [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] }, { fields: ['id'], limit: ACTOR_MATCHES });
    const departed = await em.find(Member, { workspace: options.workspaceId, departedProfileId: { $ne: null }, name: { $ilike: pattern } }, { fields: ['departedProfileId'], limit: ACTOR_MATCHES });
    const keys = await em.find(ApiKey, { workspace: options.workspaceId, name: { $ilike: pattern } }, { fields: ['id'], limit: ACTOR_MATCHES });
    const scimTokens = await em.find(ScimToken, { workspace: options.workspaceId, name: { $ilike: pattern } }, { fields: ['id'], limit: ACTOR_MATCHES });
    where.$or = [
      { actorProfileId: { $in: [...actors.map((profile) => profile.id), ...departed.map((member) => member.departedProfileId!)] } },
      { actorApiKeyId: { $in: keys.map((key) => key.id) } },
      { actorScimTokenId: { $in: scimTokens.map((token) => token.id) } },
    ];
  }
  if (options.cursor) where.$and = [afterAuditCursor(options.cursor)];
  const rows = await em.find(AuditEvent, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit + 1 });
  const items = rows.slice(0, options.limit);
  const profileIds = [...new Set(items.flatMap((row) => [row.actorProfileId, row.targetProfileId]).filter((id): id is string => !!id))];
  const memberIds = [...new Set(items.map((row) => row.targetMemberId).filter((id): id is string => !!id))];
  const profiles = new Map((await em.find(Profile, { id: { $in: profileIds } })).map((profile) => [profile.id, profile.name]));
  // People who deleted their profile are still named by the member record this workspace keeps of them.
  const departedIds = profileIds.filter((id) => !profiles.has(id));
  if (departedIds.length) {
    for (const member of await em.find(Member, { workspace: options.workspaceId, departedProfileId: { $in: departedIds } }, { fields: ['departedProfileId', 'name'] })) profiles.set(member.departedProfileId!, member.name);
  }
  const keyIds = [...new Set(items.map((row) => row.actorApiKeyId).filter((id): id is string => !!id))];
  const keyNames = new Map((keyIds.length ? await em.find(ApiKey, { id: { $in: keyIds }, workspace: options.workspaceId }, { fields: ['id', 'name'] }) : []).map((key) => [key.id, key.name]));
  const scimTokenIds = [...new Set(items.map((row) => row.actorScimTokenId).filter((id): id is string => !!id))];
  const scimTokenNames = new Map(
    (scimTokenIds.length ? await em.find(ScimToken, { id: { $in: scimTokenIds }, workspace: options.workspaceId }, { fields: ['id', 'name'] }) : []).map((token) => [token.id, token.name]),
  );
  const members = new Map((await em.find(Member, { id: { $in: memberIds }, workspace: options.workspaceId })).map((member) => [member.id, member.name]));
  // Whom an event concerns: the member as this workspace calls them, else the profile (a sign-in), else the address it was about.
  const targetName = (row: AuditEvent): string | null =>
    (row.targetMemberId ? members.get(row.targetMemberId) : undefined) ?? (row.targetProfileId ? profiles.get(row.targetProfileId) : undefined) ?? (typeof row.details?.email === 'string' ? row.details.email : null);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({
      id: row.id,
      action: row.action,
      actor: actorOf(row, { profiles, keyNames, scimTokenNames }),
      target: { memberId: row.targetMemberId ?? null, name: targetName(row) },
      details: row.details ?? null,
      ipAddress: row.ipAddress ?? null,
      userAgent: row.userAgent ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? auditCursorOf(last) : null,
  };
}
