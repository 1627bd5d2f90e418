import { AuditEvent, type EntityManager } from '@gatehouse/db';
import type { Actor } from './actor.ts';

export interface SecurityEventView {
  id: string;
  action: string;
  workspaceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

/** What happened to the caller's own profile (sign-ins, failures, 2FA, password and email changes), newest first. */
export async function listMySecurityEvents(options: { em: EntityManager; actor: Actor; limit: number }): Promise<SecurityEventView[]> {
  const events = await options.em.find(
    AuditEvent,
    { targetProfileId: options.actor.profileId },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit },
  );
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    workspaceId: event.workspaceId ?? null,
    ipAddress: event.ipAddress ?? null,
    userAgent: event.userAgent ?? null,
    details: event.details ?? null,
    createdAt: event.createdAt.toISOString(),
  }));
}
