import { AuditEvent, insertAuditRow, WebhookEvent, type AuditRow, type EntityManager } from '@gatehouse/db';
import { webhookEventOf, type AuditAction } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';

export type { AuditAction } from '@gatehouse/domain';

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

/** Who an event is recorded as: a person (or none), an API key, or a directory's SCIM token. */
export interface AuditActor {
  profileId: string | null;
  apiKey?: { id: string } | undefined;
  /** The company's directory, through one of its SCIM tokens. */
  scimToken?: { id: string } | undefined;
  origin: RequestOrigin;
}

/** The event's row: what the audit trail keeps of the actor and their origin. */
export function auditRowOf(actor: AuditActor | null, entry: AuditEntry): AuditRow {
  return {
    workspaceId: entry.workspaceId,
    actorProfileId: actor?.profileId ?? null,
    actorApiKeyId: actor?.apiKey?.id ?? null,
    actorScimTokenId: actor?.scimToken?.id ?? null,
    action: entry.action,
    targetMemberId: entry.targetMemberId ?? null,
    targetProfileId: entry.targetProfileId ?? null,
    details: entry.details ?? null,
    ipAddress: actor?.origin.ipAddress?.slice(0, 64) ?? null,
    userAgent: actor?.origin.userAgent?.slice(0, 512) ?? null,
    requestId: actor?.origin.requestId?.slice(0, 64) ?? null,
  };
}

/** Who did it, as a workspace's webhook endpoints are told (never where from). */
function webhookActorOf(actor: AuditActor | null): Record<string, string> {
  if (actor?.apiKey) return { type: 'api_key', id: actor.apiKey.id };
  if (actor?.scimToken) return { type: 'scim_token', id: actor.scimToken.id };
  if (actor?.profileId) return { type: 'person', id: actor.profileId };
  return { type: 'system' };
}

/**
 * Queues the event on the caller's entity manager: it commits, or not, with
 * the change it describes — and so does the webhook event it stands for, if
 * any (domain/webhooks.ts): endpoints hear of exactly what the trail records.
 */
export function recordAudit(em: EntityManager, actor: AuditActor | null, entry: AuditEntry): void {
  em.create(AuditEvent, auditRowOf(actor, entry));
  const type = entry.workspaceId ? webhookEventOf(entry.action, entry.details) : null;
  if (type && entry.workspaceId) {
    em.create(WebhookEvent, {
      workspaceId: entry.workspaceId,
      type,
      memberId: entry.targetMemberId ?? null,
      data: { action: entry.action, actor: webhookActorOf(actor), profileId: entry.targetProfileId ?? null, details: entry.details ?? {} },
      payload: null,
      fannedOutAt: null,
    });
  }
}

/** Writes an event that goes with no other change (a failed sign-in) at once, in one statement. */
export async function recordAuditNow(em: EntityManager, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await insertAuditRow(em, auditRowOf(actor, entry));
}
