import { AuditEvent, insertAuditRow, type AuditRow, type EntityManager } from '@gatehouse/db';
import type { RequestOrigin } from '../shared/actor.ts';

export type AuditAction =
  | 'member.invited'
  | 'member.registered'
  | 'member.invitation_resent'
  | 'member.invitation_accepted'
  | 'member.join_requested'
  | 'member.joined'
  | 'member.approved'
  | 'member.rejected'
  | 'member.dismissed'
  | 'member.rehired'
  | 'member.deleted'
  | 'member.role_changed'
  | 'member.updated'
  | 'member.sessions_ended'
  | 'member.sign_in_unlocked'
  | 'member.invitation_code_sent'
  | 'access.refused'
  | 'task.deleted'
  | 'workspace.created'
  | 'workspace.settings_changed'
  | 'join_link.updated'
  | 'join_link.rotated'
  | 'profile.email_verified'
  | 'profile.password_changed'
  | 'profile.password_reset_requested'
  | 'profile.password_reset'
  | 'profile.email_change_requested'
  | 'profile.email_changed'
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.locked'
  | 'two_factor.failed'
  | 'two_factor.enabled'
  | 'two_factor.disabled'
  | 'two_factor.recovery_codes_regenerated'
  | 'two_factor.reset_by_admin'
  | 'session.revoked'
  | 'session.signed_out'
  | 'sessions.revoked_others'
  | 'identity.linked'
  | 'identity.unlinked'
  | 'workspace.deleted_abandoned'
  | 'workspace.cleanup_warned'
  | 'workspace.plan_changed'
  | 'workspace.creator_offered'
  | 'workspace.creator_changed'
  | 'recovery.filed'
  | 'recovery.approved'
  | 'recovery.rejected';

export interface AuditEntry {
  workspaceId: string | null;
  action: AuditAction;
  targetMemberId?: string | null;
  targetProfileId?: string | null;
  details?: Record<string, unknown>;
}

/*
 * Recording an audit event, the one idea, comes in three moments:
 * `recordAudit` with the change it describes (the usual case: they commit
 * together), `recordAuditNow` for an event that goes with no change (a refused
 * sign-in), and `auditRowOf` for a statement that writes the row itself (the
 * one-statement sign-in from a known device).
 */

/** The event's row: what the audit trail keeps of the actor's origin. */
export function auditRowOf(actor: { profileId: string | null; origin: RequestOrigin } | null, entry: AuditEntry): AuditRow {
  return {
    workspaceId: entry.workspaceId,
    actorProfileId: actor?.profileId ?? null,
    action: entry.action,
    targetMemberId: entry.targetMemberId ?? null,
    targetProfileId: entry.targetProfileId ?? null,
    details: entry.details ?? null,
    ipAddress: actor?.origin.ipAddress?.slice(0, 64) ?? null,
    userAgent: actor?.origin.userAgent?.slice(0, 512) ?? null,
    requestId: actor?.origin.requestId?.slice(0, 64) ?? null,
  };
}

/** Queues the event on the caller's entity manager: it commits, or not, with the change it describes. */
export function recordAudit(em: EntityManager, actor: { profileId: string | null; origin: RequestOrigin } | null, entry: AuditEntry): void {
  em.create(AuditEvent, auditRowOf(actor, entry));
}

/** Writes an event that goes with no other change (a failed sign-in) at once, in one statement. */
export async function recordAuditNow(em: EntityManager, actor: { profileId: string | null; origin: RequestOrigin } | null, entry: AuditEntry): Promise<void> {
  await insertAuditRow(em, auditRowOf(actor, entry));
}
