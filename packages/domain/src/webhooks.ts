import type { AuditAction } from './audit-actions.ts';

/*
 * What a workspace's webhook endpoints can be told. Each event type is one
 * or more of the audit trail's actions: a change the trail records is the
 * change an endpoint hears of, from the same transaction, so neither can
 * miss what the other saw.
 */

export const WEBHOOK_EVENT_TYPES = [
  'member.invited',
  'member.joined',
  'member.awaiting_approval',
  'member.approved',
  'member.rejected',
  'member.dismissed',
  'member.rehired',
  'member.deleted',
  'member.role_changed',
  'member.contact_email_changed',
  'member.provisioned',
  'invitation.resent',
  'invitation.expired',
  'join_link.changed',
  'two_factor.reset',
  'workspace.settings_changed',
  'workspace.plan_changed',
  'workspace.creator_changed',
  'app.changed',
  'sso_connection.changed',
  'scim_group.changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event sent by "send a test event": never subscribed to, only ever asked for. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const BY_ACTION: Partial<Record<AuditAction, WebhookEventType>> = {
  'member.invited': 'member.invited',
  'member.invitation_accepted': 'member.joined',
  'member.joined': 'member.joined',
  'member.registered': 'member.joined',
  'member.join_requested': 'member.awaiting_approval',
  'member.approved': 'member.approved',
  'member.rejected': 'member.rejected',
  'member.dismissed': 'member.dismissed',
  'member.rehired': 'member.rehired',
  // Only an invitation nobody accepted can be deleted: this is the invitation revoked.
  'member.deleted': 'member.deleted',
  'member.role_changed': 'member.role_changed',
  'member.provisioned': 'member.provisioned',
  'member.invitation_resent': 'invitation.resent',
  'member.invitation_expired': 'invitation.expired',
  'join_link.updated': 'join_link.changed',
  'join_link.rotated': 'join_link.changed',
  'two_factor.reset_by_admin': 'two_factor.reset',
  'workspace.settings_changed': 'workspace.settings_changed',
  'security_policy.updated': 'workspace.settings_changed',
  'workspace.plan_changed': 'workspace.plan_changed',
  'workspace.creator_changed': 'workspace.creator_changed',
  'app.registered': 'app.changed',
  'app.updated': 'app.changed',
  'app.secret_rotated': 'app.changed',
  'app.deleted': 'app.changed',
  'sso_connection.created': 'sso_connection.changed',
  'sso_connection.updated': 'sso_connection.changed',
  'sso_connection.removed': 'sso_connection.changed',
  'scim_group.created': 'scim_group.changed',
  'scim_group.updated': 'scim_group.changed',
  'scim_group.removed': 'scim_group.changed',
  'scim_group.role_mapped': 'scim_group.changed',
};

/** The webhook event an audited change is, if any (a member's details changed only count when their contact address did). */
export function webhookEventOf(action: AuditAction, details: Record<string, unknown> | null | undefined): WebhookEventType | null {
  if (action === 'member.updated') {
    const changes = details?.changes as Record<string, unknown> | undefined;
    return changes && 'contactEmail' in changes ? 'member.contact_email_changed' : null;
  }
  return BY_ACTION[action] ?? null;
}

/** An endpoint's address: https (plain http only with the development switch), no credentials in it, at most this long. */
export const WEBHOOK_URL_MAX_LENGTH = 500;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
/** A workspace's endpoints at most: each event is sent to each of them. */
export const WEBHOOK_ENDPOINTS_PER_WORKSPACE = 10;
/** After a rotation the old secret signs beside the new one this long, so receivers can switch without losing events. */
export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;

/**
 * When a failed delivery is tried again, after its n-th attempt: soon at
 * first, then further apart, for about a day (Standard Webhooks' advice).
 * After the last one it is given up.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 60_000, 10 * 60_000, 60 * 60_000, 3 * 3_600_000, 6 * 3_600_000, 14 * 3_600_000] as const;
/** An endpoint failing without a single success for this long is switched off, and the admins told. */
export const WEBHOOK_DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
