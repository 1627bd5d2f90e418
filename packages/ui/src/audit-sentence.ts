import { AUDIT_ACTIONS, type AuditAction } from '@gatehouse/domain';

/** What a sentence is made of: the event as the API answers it, in the console's trail or the portal's history. */
export interface SentenceEvent {
  action: string;
  /** A person, an API key (told as one: “API key «name»”) or the directory's SCIM token. */
  actor?: { name: string; apiKeyId?: string | null; scimTokenId?: string | null } | null;
  target?: { name: string | null } | null;
  workspaceName?: string | null;
  details: Record<string, unknown> | null;
}

export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string;
  d: (value: Date, format: string) => string;
}

/** Details whose value is a role, a plan, a date or a count, told as such in the sentence. */
const ROLE_DETAILS = new Set(['role', 'invitedRole', 'previousRole']);
const DATE_DETAILS = new Set(['until', 'expiresAt', 'lastSignInAt', 'since']);
/** What an empty value means for a field that has one (no idle time set is the default; no expiry is never). */
const EMPTY_MEANS: Record<string, string> = { sessionIdleMinutes: 'auditValues.defaultIdle', auditRetentionDays: 'auditValues.planDefault', expiresAt: 'auditValues.never', until: 'auditValues.never' };

/** A directory's value and the role it gives (a single sign-on connection's role mappings). */
function isRoleMapping(value: unknown): value is { value: string; role: string } {
  return !!value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string' && typeof (value as { role?: unknown }).role === 'string';
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return !!value && typeof value === 'object' && 'from' in value && 'to' in value;
}

/** One value of a detail or of a changed field, in the reader's language. */
function valueText(field: string, value: unknown, i18n: Translator): string {
  const { t, d } = i18n;
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t(EMPTY_MEANS[field] ?? 'auditValues.none');
  if (typeof value === 'boolean') return t(value ? 'auditValues.on' : 'auditValues.off');
  if (Array.isArray(value)) return value.map((item) => (isRoleMapping(item) ? t('auditValues.roleMapping', { value: item.value, role: t(`roles.${item.role}`) }) : String(item))).join(', ');
  if (ROLE_DETAILS.has(field) && typeof value === 'string') return t(`roles.${value}`);
  if (field === 'plan' && typeof value === 'string') return t(`plans.${value}`);
  if (field === 'keyRole' && typeof value === 'string') return t(`apiKeyRoles.${value}`);
  if (field === 'method' && typeof value === 'string') return t(`auditValues.methods.${value}`);
  if (field === 'reason' && typeof value === 'string') return t(`auditValues.reasons.${value}`);
  if (DATE_DETAILS.has(field) && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return d(new Date(value), 'long');
  return String(value);
}

/** The fields an edit changed, each “Field: from → to”, in one line. */
function changesText(changes: Record<string, unknown>, i18n: Translator): string {
  // Events recorded before edits kept their old values listed only the fields' names.
  if (Array.isArray(changes.changed)) return changes.changed.map((field) => i18n.t(`auditFields.${String(field)}`)).join(', ');
  return Object.entries(changes)
    .filter(([, change]) => isChange(change))
    .map(([field, change]) => {
      const { from, to } = change as { from: unknown; to: unknown };
      return i18n.t('auditValues.change', { field: i18n.t(`auditFields.${field}`), from: valueText(field, from, i18n), to: valueText(field, to, i18n) });
    })
    .join('; ');
}

/** Events whose details are a map of changed fields rather than facts about the event. */
const CHANGE_EVENTS: ReadonlySet<AuditAction> = new Set(['workspace.settings_changed', 'member.updated', 'join_link.updated', 'app.updated', 'sso_connection.updated', 'webhook.updated']);

function actorText(actor: SentenceEvent['actor'], i18n: Translator): string {
  if (!actor) return i18n.t('auditValues.system');
  if (actor.apiKeyId) return i18n.t('auditValues.apiKey', { name: actor.name });
  if (actor.scimTokenId) return i18n.t('auditValues.scimToken', { name: actor.name });
  return actor.name;
}

/**
 * An event as one sentence in the reader's language, from the messages at
 * `${prefix}.${action}`: who did it, to whom, and what changed from what to
 * what. Each detail of the event is offered to the message by its name.
 */
export function auditSentence(event: SentenceEvent, prefix: string, i18n: Translator): string {
  const details = event.details ?? {};
  const params: Record<string, unknown> = {
    actor: actorText(event.actor, i18n),
    target: event.target?.name ?? (typeof details.email === 'string' ? details.email : i18n.t('auditValues.someone')),
    workspace: event.workspaceName ?? '—',
  };
  if (CHANGE_EVENTS.has(event.action as AuditAction)) {
    params.changes = changesText(details, i18n);
    // What names the thing changed (an app's name) is offered as itself.
    for (const [key, value] of Object.entries(details)) if (!isChange(value) && key !== 'changed') params[key] = valueText(key, value, i18n);
  } else {
    for (const [key, value] of Object.entries(details)) {
      if (isChange(value)) continue;
      params[key] = valueText(key, value, i18n);
    }
    // A change of one thing (a role, a plan) keeps its from → to at the top of the details.
    const field = event.action === 'workspace.plan_changed' ? 'plan' : 'role';
    if ('from' in details) params.from = valueText(field, details.from, i18n);
    if ('to' in details) params.to = valueText(field, details.to, i18n);
  }
  return i18n.t(`${prefix}.${event.action}${variantOf(event.action, details)}`, params);
}

/** Events that read differently by one detail (a suspension with or without an end): their message is an object of two sentences. */
const VARIANTS: Partial<Record<AuditAction, { detail: string; present: string; absent: string }>> = {
  'two_factor.reset_by_admin': { detail: 'until', present: 'until', absent: 'untilSetUp' },
  'sign_in.succeeded': { detail: 'newDevice', present: 'newDevice', absent: 'knownDevice' },
  'member.dismissed': { detail: 'profileDeleted', present: 'profileDeleted', absent: 'byAdmin' },
};

function variantOf(action: string, details: Record<string, unknown>): string {
  const variant = VARIANTS[action as AuditAction];
  return variant ? `.${details[variant.detail] ? variant.present : variant.absent}` : '';
}

/** The message keys an app needs to tell every one of `actions`: one per action, two for an action with variants. */
export function sentenceKeys(prefix: string, actions: readonly string[] = AUDIT_ACTIONS): string[] {
  return actions.flatMap((action) => {
    const variant = VARIANTS[action as AuditAction];
    return variant ? [`${prefix}.${action}.${variant.present}`, `${prefix}.${action}.${variant.absent}`] : [`${prefix}.${action}`];
  });
}
