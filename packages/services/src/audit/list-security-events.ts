import { AuditEvent, type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import type { AuditAction } from './record-audit.ts';

export interface SecurityEventView {
  id: string;
  action: string;
  workspaceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

/** What a person's own security history shows: their sign-ins and the changes to how they sign in, not membership events. */
const SECURITY_ACTIONS: readonly AuditAction[] = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.locked',
  'two_factor.failed',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_codes_regenerated',
  'two_factor.reset_by_admin',
  'profile.password_changed',
  'profile.password_reset_requested',
  'profile.password_reset',
  'profile.email_change_requested',
  'profile.email_changed',
  'profile.email_verified',
  'session.revoked',
  'session.signed_out',
  'sessions.revoked_others',
  'identity.linked',
  'identity.unlinked',
  'member.sessions_ended',
  'member.sign_in_unlocked',
];

/** What happened to the caller's own profile (sign-ins, failures, 2FA, password and email changes), newest first. */
export async function listMySecurityEvents(options: { em: EntityManager; actor: Actor; limit: number }): Promise<SecurityEventView[]> {
  const events = await options.em.find(
    AuditEvent,
    { targetProfileId: options.actor.profileId, action: { $in: [...SECURITY_ACTIONS] } },
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
