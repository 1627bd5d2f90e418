import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, queryRows } from '../sql.ts';
import { deleteExpiredSessions } from './session-repository.ts';

export interface PurgeCutoffs {
  now: Date;
  /** Used or dead links older than this go. */
  linksBefore: Date;
  /** Invitations expired before this go (their seat is freed). */
  invitationsExpiredBefore: Date;
  /** Delivered or given-up mail older than this goes. */
  mailBefore: Date;
}

/** Deletes what has expired, each kind in one statement; returns how many rows of each went. */
export async function deleteExpiredRows(em: EntityManager, cutoffs: PurgeCutoffs): Promise<{ sessions: number; challenges: number; tokens: number; invitations: number; mail: number; oidc: number; appLogouts: number; samlAssertions: number; webhooks: number }> {
  return {
    sessions: await deleteExpiredSessions(em, cutoffs.now),
    challenges:
      (await executeStatement(em, 'delete from two_factor_challenge where expires_at <= $1', [cutoffs.now])) +
      (await executeStatement(em, 'delete from passkey_challenge where expires_at <= $1', [cutoffs.now])),
    tokens: await executeStatement(em, 'delete from profile_token where expires_at <= $1 or used_at <= $1', [cutoffs.linksBefore]),
    invitations: await executeStatement(em, `delete from member where status = 'invited' and source = 'invitation' and invitation_expires_at <= $1`, [cutoffs.invitationsExpiredBefore]),
    mail: await executeStatement(em, 'delete from outbox_message where (sent_at is not null or failed_at is not null) and created_at <= $1', [cutoffs.mailBefore]),
    oidc: await executeStatement(em, 'delete from oidc_record where expires_at <= $1', [cutoffs.now]),
    // Back-channel logouts are kept as long as mail, for the same questions (was it sent, when).
    appLogouts: await executeStatement(em, 'delete from app_logout_outbox where (delivered_at is not null or failed_at is not null) and created_at <= $1', [cutoffs.mailBefore]),
    // A used SAML assertion past its expiry would be refused on its dates anyway.
    samlAssertions: await executeStatement(em, 'delete from saml_assertion where expires_at <= $1', [cutoffs.now]),
    // Webhook deliveries are kept as long as mail; an event goes with its last delivery, or a day after it was fanned out to no one.
    webhooks:
      (await executeStatement(em, `delete from webhook_delivery where state <> 'pending' and created_at <= $1`, [cutoffs.mailBefore])) +
      (await executeStatement(
        em,
        `delete from webhook_event e where e.fanned_out_at <= $1 and not exists (select 1 from webhook_delivery d where d.event_seq = e.seq)`,
        [cutoffs.linksBefore],
      )),
  };
}

/**
 * Inside a transaction: takes up to `limit` invitations whose link has just
 * passed its expiry and whose workspace was not yet told, marking each as
 * told of that expiry (a resent invitation has a new one, told again when it
 * passes). Rows another process holds are skipped, so none is told twice.
 */
export async function claimExpiredInvitations(em: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    em,
    `update member set invitation_expiry_announced_for = invitation_expires_at
      where id in (select id from member
                    where status = 'invited' and invitation_expires_at <= $1 and invitation_expiry_announced_for is distinct from invitation_expires_at
                    order by invitation_expires_at limit $2 for update skip locked)
      returning id`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}

/** The workspaces whose audit trail may be kept a limited time — a time chosen, or a plan in `limitedPlans` — for the purge to ask their rule of each. */
export async function workspacesWithLimitedAudit(em: EntityManager, options: { limitedPlans: readonly string[]; afterId: string | null; limit: number }): Promise<{ id: string; plan: string; auditRetentionDays: number | null }[]> {
  return queryRows(
    em,
    `select id, plan, audit_retention_days as "auditRetentionDays" from workspace
      where (plan = any($1::text[]) or audit_retention_days is not null) and ($2::uuid is null or id > $2::uuid)
      order by id limit $3`,
    [options.limitedPlans, options.afterId, options.limit],
  );
}

/** Removes each workspace's audit events older than its retention, in one statement. */
export async function deleteAuditBeyondRetention(em: EntityManager, now: Date, retention: { workspaceId: string; days: number }[]): Promise<number> {
  if (!retention.length) return 0;
  return executeStatement(
    em,
    `delete from audit_event e using unnest($1::uuid[], $2::int[]) as r(workspace_id, days)
      where e.workspace_id = r.workspace_id and e.created_at < $3::timestamptz - make_interval(days => r.days)`,
    [retention.map((row) => row.workspaceId), retention.map((row) => row.days), now],
  );
}
