/**
 * Every event the audit trail records. One list: the services may record only
 * these, the console has a sentence for each in every language (a test holds
 * that), and the trail filters by them.
 */
export const AUDIT_ACTIONS = [
  'member.invited',
  'member.registered',
  'member.invitation_resent',
  'member.invitation_expired',
  'member.invitation_accepted',
  'member.join_requested',
  'member.joined',
  'member.approved',
  'member.rejected',
  'member.dismissed',
  'member.rehired',
  'member.deleted',
  'member.role_changed',
  'member.updated',
  'member.sessions_ended',
  'member.sign_in_unlocked',
  'member.invitation_code_sent',
  'access.refused',
  'task.deleted',
  'workspace.created',
  'workspace.settings_changed',
  'join_link.updated',
  'join_link.rotated',
  'profile.email_verified',
  'profile.password_changed',
  'profile.password_reset_requested',
  'profile.password_reset',
  'profile.email_change_requested',
  'profile.email_changed',
  'profile.data_exported',
  'profile.deleted',
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.locked',
  'two_factor.failed',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_codes_regenerated',
  'two_factor.reset_by_admin',
  'session.revoked',
  'session.signed_out',
  'sessions.revoked_others',
  'identity.linked',
  'identity.unlinked',
  'workspace.deleted_abandoned',
  'workspace.cleanup_warned',
  'workspace.plan_changed',
  'workspace.creator_offered',
  'workspace.creator_changed',
  'recovery.filed',
  'recovery.approved',
  'recovery.rejected',
  'recovery.refused',
  'app.registered',
  'app.updated',
  'app.secret_rotated',
  'app.deleted',
  'api_key.created',
  'api_key.revoked',
  'passkey.added',
  'passkey.renamed',
  'passkey.removed',
  'passkey.refused',
  'security_policy.updated',
  'security_policy.reminded',
  'domain.added',
  'domain.verified',
  'domain.unverified',
  'domain.updated',
  'domain.removed',
  'domain.released',
  'member.provisioned',
  'scim_token.created',
  'scim_token.revoked',
  'scim_group.created',
  'scim_group.updated',
  'scim_group.removed',
  'scim_group.role_mapped',
  'sso_connection.created',
  'sso_connection.updated',
  'sso_connection.removed',
  'sign_in.break_glass',
  'webhook.created',
  'webhook.updated',
  'webhook.secret_rotated',
  'webhook.removed',
  'webhook.disabled',
  'webhook.redelivered',
  'audit.exported',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The part of an action before its dot: what the trail's filter offers as a kind of event. */
export type AuditActionGroup = AuditAction extends `${infer Group}.${string}` ? Group : never;

export const AUDIT_ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0] as AuditActionGroup))];

/** What a person's own security history shows: their sign-ins and the changes to how they sign in, and what an admin did to their sessions or lockout; not membership events. */
const SECURITY_KINDS: readonly AuditActionGroup[] = ['sign_in', 'two_factor', 'profile', 'session', 'sessions', 'identity', 'passkey'];
const SECURITY_MEMBER_ACTIONS: readonly AuditAction[] = ['member.sessions_ended', 'member.sign_in_unlocked'];
export const SECURITY_ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS.filter(
  (action) => SECURITY_KINDS.includes(action.split('.')[0] as AuditActionGroup) || SECURITY_MEMBER_ACTIONS.includes(action),
);

/** A change of one field, as the trail keeps it: what it was and what it became. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** The fields of `keys` that differ between `before` and `after`, each with its old and new value. */
export function fieldChanges<T extends object>(before: T, after: T, keys: readonly (keyof T & string)[]): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** An audit export covers at most this many days, each download: a range beyond is refused rather than streamed for hours. */
export const AUDIT_EXPORT_MAX_DAYS = 5 * 366;
/** Nothing was recorded before this; an export starting earlier is a typing error. */
export const AUDIT_EXPORT_EARLIEST = '2000-01-01T00:00:00Z';
export const AUDIT_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];
