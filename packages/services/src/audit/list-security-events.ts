import { AuditEvent, Workspace, type EntityManager } from '@gatehouse/db';
import { SECURITY_ACTIONS } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';

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
  const events = await options.em.find(
    AuditEvent,
    { targetProfileId: options.actor.profileId, action: { $in: [...SECURITY_ACTIONS] } },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit },
  );
  const workspaceIds = [...new Set(events.map((event) => event.workspaceId).filter((id): id is string => !!id))];
  const names = new Map((await options.em.find(Workspace, { id: { $in: workspaceIds } }, { fields: ['id', 'name'] })).map((workspace) => [workspace.id, workspace.name]));
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    workspaceId: event.workspaceId ?? null,
    workspaceName: event.workspaceId ? (names.get(event.workspaceId) ?? null) : null,
    ipAddress: event.ipAddress ?? null,
    userAgent: event.userAgent ?? null,
    details: event.details ?? null,
    createdAt: event.createdAt.toISOString(),
  }));
}
