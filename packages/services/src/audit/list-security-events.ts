import { AuditEvent, Workspace, type EntityManager } from '@gatehouse/db';
import { SECURITY_ACTIONS } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { Page } from '../members/index.ts';
import { afterAuditCursor, auditCursorOf } from './list-audit-events.ts';

export interface SecurityEventView {
  id: string;
  action: string;
  workspaceId: string | null;
  /** The workspace the event happened at, as it is called now; null for the profile's own changes. */
  workspaceName: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

/** What happened to the caller's own profile (sign-ins, failures, 2FA, password and email changes), newest first. */
export async function listMySecurityEvents(options: { em: EntityManager; actor: Actor; limit: number }): Promise<SecurityEventView[]> {
  return (await securityEventsPage({ em: options.em, profileId: options.actor.profileId, limit: options.limit })).items;
}

/** One keyset page of a profile's security history: what the portal lists, and what its downloads stream page after page. */
export async function securityEventsPage(options: { em: EntityManager; profileId: string; limit: number; cursor?: string | null; from?: Date; to?: Date }): Promise<Page<SecurityEventView>> {
  const during = options.from || options.to ? { createdAt: { ...(options.from ? { $gte: options.from } : {}), ...(options.to ? { $lt: options.to } : {}) } } : {};
  const rows = await options.em.find(
    AuditEvent,
    { targetProfileId: options.profileId, action: { $in: [...SECURITY_ACTIONS] }, ...during, ...(options.cursor ? { $and: [afterAuditCursor(options.cursor)] } : {}) },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit + 1 },
  );
  const events = rows.slice(0, options.limit);
  const workspaceIds = [...new Set(events.map((event) => event.workspaceId).filter((id): id is string => !!id))];
  const names = new Map((await options.em.find(Workspace, { id: { $in: workspaceIds } }, { fields: ['id', 'name'] })).map((workspace) => [workspace.id, workspace.name]));
  const last = events[events.length - 1];
  return {
    items: events.map((event) => ({
      id: event.id,
      action: event.action,
      workspaceId: event.workspaceId ?? null,
      workspaceName: event.workspaceId ? (names.get(event.workspaceId) ?? null) : null,
      ipAddress: event.ipAddress ?? null,
      userAgent: event.userAgent ?? null,
      details: event.details ?? null,
      createdAt: event.createdAt.toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? auditCursorOf(last) : null,
  };
}
