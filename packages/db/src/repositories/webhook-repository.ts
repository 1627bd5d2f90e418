import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, queryRows } from '../sql.ts';

/*
 * The webhook outbox's moves, each one statement: fan an event out to the
 * endpoints that asked for it, claim the deliveries that may go now, record
 * what an attempt brought. Any number of api processes run them at once:
 * rows are claimed with SKIP LOCKED, and a member's deliveries to an
 * endpoint go one after the other, in the order of their events.
 */

/** An event not yet fanned out, with what its message needs. */
export interface WebhookEventToFanOut {
  seq: number;
  id: string;
  type: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  memberId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  /** The enabled endpoints that asked for this type and existed when it happened. */
  endpointIds: string[];
  /** The member as they are now (null: gone, or the event is not about one). */
  member: { id: string; name: string; email: string | null; role: string; status: string } | null;
}

/** Inside a transaction: locks up to `limit` events to fan out, oldest first (another process skips them). */
export async function claimWebhookEventsToFanOut(em: EntityManager, limit: number): Promise<WebhookEventToFanOut[]> {
  const rows = await queryRows<Omit<WebhookEventToFanOut, 'seq' | 'createdAt' | 'member'> & { seq: string; createdAt: string; member: WebhookEventToFanOut['member'] }>(
    em,
    `select e.seq, e.id, e.type, e.workspace_id as "workspaceId", w.slug as "workspaceSlug", w.name as "workspaceName", e.member_id as "memberId", e.data,
            e.created_at as "createdAt",
            array(select p.id from webhook_endpoint p
                   where p.workspace_id = e.workspace_id and p.enabled and p.events @> jsonb_build_array(e.type) and p.created_at <= e.created_at
                   order by p.created_at) as "endpointIds",
            case when m.id is null then null
                 else jsonb_build_object('id', m.id, 'name', m.name, 'email', m.contact_email, 'role', m.role, 'status', m.status) end as member
       from webhook_event e
       join workspace w on w.id = e.workspace_id
       left join member m on m.id = e.member_id
      where e.fanned_out_at is null
      order by e.seq limit $1
        for update of e skip locked`,
    [limit],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq), createdAt: new Date(row.createdAt) }));
}

/** Inside the same transaction: each event's message kept, a delivery per endpoint made, the event marked fanned out. */
export async function saveWebhookFanOut(em: EntityManager, events: { seq: number; payload: string; endpointIds: string[]; orderingKey: string }[]): Promise<void> {
  if (!events.length) return;
  await executeStatement(
    em,
    `with fanned as (
       update webhook_event e set payload = f.payload, fanned_out_at = now()
         from unnest($1::bigint[], $2::text[]) as f(seq, payload) where e.seq = f.seq returning e.seq)
     insert into webhook_delivery (id, endpoint_id, event_seq, ordering_key, state, attempts, next_attempt_at, created_at)
     select gen_random_uuid(), d.endpoint_id, d.seq, d.ordering_key, 'pending', 0, now(), now()
       from unnest($3::bigint[], $4::uuid[], $5::text[]) as d(seq, endpoint_id, ordering_key)`,
    [
      events.map((event) => event.seq),
      events.map((event) => event.payload),
      events.flatMap((event) => event.endpointIds.map(() => event.seq)),
      events.flatMap((event) => event.endpointIds),
      events.flatMap((event) => event.endpointIds.map(() => event.orderingKey)),
    ],
  );
}

/** A delivery claimed for sending, with its endpoint's address and secrets and the message. */
export interface DueWebhookDelivery {
  id: string;
  attempts: number;
  createdAt: Date;
  endpointId: string;
  workspaceId: string;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  messageId: string;
  payload: string;
}

/**
 * Claims up to `limit` deliveries that may go now, for `lockMs`: due, their
 * endpoint on, and first in line — no earlier event for the same member
 * still pending at that endpoint (so a member's events arrive in order,
 * even when one waits for its retry).
 */
export async function claimDueWebhookDeliveries(em: EntityManager, options: { now: Date; limit: number; lockMs: number }): Promise<DueWebhookDelivery[]> {
  const rows = await queryRows<DueWebhookDelivery & { createdAt: string; previousSecretExpiresAt: string | null; failingSince: string | null }>(
    em,
    `with claimed as (
       update webhook_delivery set locked_until = $1::timestamptz + make_interval(secs => $3::int / 1000.0)
        where id in (
          select d.id from webhook_delivery d join webhook_endpoint p on p.id = d.endpoint_id and p.enabled
           where d.state = 'pending' and d.next_attempt_at <= $1 and (d.locked_until is null or d.locked_until <= $1)
             and not exists (
               select 1 from webhook_delivery earlier
                where earlier.endpoint_id = d.endpoint_id and earlier.ordering_key = d.ordering_key and earlier.state = 'pending'
                  and (earlier.event_seq, earlier.created_at, earlier.id) < (d.event_seq, d.created_at, d.id))
           order by d.next_attempt_at, d.event_seq limit $2
             for update of d skip locked)
        returning id, attempts, created_at, endpoint_id, event_seq)
     select c.id, c.attempts, c.created_at as "createdAt", p.id as "endpointId", p.workspace_id as "workspaceId", p.url,
            p.secret_sealed as "secretSealed", p.previous_secret_sealed as "previousSecretSealed", p.previous_secret_expires_at as "previousSecretExpiresAt",
            p.failing_since as "failingSince", e.id as "messageId", e.payload
       from claimed c join webhook_endpoint p on p.id = c.endpoint_id join webhook_event e on e.seq = c.event_seq`,
    [options.now, options.limit, options.lockMs],
  );
  const date = (value: string | null) => (value ? new Date(value) : null);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt), previousSecretExpiresAt: date(row.previousSecretExpiresAt), failingSince: date(row.failingSince) }));
}

/** What one attempt brought: the delivery delivered, tried again at `retryAt`, or given up. */
export interface WebhookAttemptOutcome {
  deliveryId: string;
  endpointId: string;
  outcome: 'delivered' | 'retry' | 'failed';
  status: number | null;
  error: string | null;
  durationMs: number;
  retryAt: Date | null;
}

/**
 * A batch of attempts in one statement: each delivery moved on, each attempt
 * kept, and each endpoint's health — healthy again if any of its deliveries
 * went through, else failing since its first failure. Returns, per
 * endpoint, since when it has been failing (null: healthy).
 */
export async function recordWebhookAttempts(em: EntityManager, now: Date, attempts: readonly WebhookAttemptOutcome[]): Promise<Map<string, Date | null>> {
  if (!attempts.length) return new Map();
  const rows = await queryRows<{ id: string; failingSince: string | null }>(
    em,
    `with a as (
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[], $7::timestamptz[])
         as a(delivery_id, endpoint_id, outcome, status, error, duration_ms, retry_at)),
     moved as (
       update webhook_delivery d set attempts = d.attempts + 1, locked_until = null,
              state = case a.outcome when 'retry' then 'pending' else a.outcome end,
              last_status = a.status, last_error = a.error, last_attempt_at = $8,
              delivered_at = case when a.outcome = 'delivered' then $8::timestamptz end,
              next_attempt_at = coalesce(a.retry_at, d.next_attempt_at)
         from a where d.id = a.delivery_id returning d.id),
     kept as (
       insert into webhook_attempt (id, delivery_id, attempted_at, status, error, duration_ms)
       select gen_random_uuid(), a.delivery_id, $8, a.status, a.error, a.duration_ms from a join moved on moved.id = a.delivery_id),
     health as (select endpoint_id, bool_or(outcome = 'delivered') as healthy from a group by endpoint_id)
     update webhook_endpoint p set
            failing_since = case when h.healthy then null else coalesce(p.failing_since, $8::timestamptz) end,
            last_success_at = case when h.healthy then $8::timestamptz else p.last_success_at end
       from health h where p.id = h.endpoint_id
     returning p.id, p.failing_since as "failingSince"`,
    [
      attempts.map((attempt) => attempt.deliveryId),
      attempts.map((attempt) => attempt.endpointId),
      attempts.map((attempt) => attempt.outcome),
      attempts.map((attempt) => attempt.status),
      attempts.map((attempt) => attempt.error?.slice(0, 300) ?? null),
      attempts.map((attempt) => attempt.durationMs),
      attempts.map((attempt) => attempt.retryAt),
      now,
    ],
  );
  return new Map(rows.map((row) => [row.id, row.failingSince ? new Date(row.failingSince) : null]));
}

/** Switches off an endpoint that kept failing; true only for the call that did it (so one process tells the admins). */
export async function disableFailingWebhookEndpoint(em: EntityManager, endpointId: string, failingSinceBefore: Date): Promise<boolean> {
  const changed = await executeStatement(
    em,
    `update webhook_endpoint set enabled = false, disabled_reason = 'failing', updated_at = now()
      where id = $1 and enabled and failing_since is not null and failing_since <= $2`,
    [endpointId, failingSinceBefore],
  );
  return changed > 0;
}
