import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, queryPrepared, queryRows } from '../sql.ts';

/** One stored model of the OpenID Connect provider, as it hands it over: its payload and the fields it is found by. */
export interface OidcRecordInput {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  /** Seconds from now; absent for records that live until removed. */
  expiresInSeconds?: number | undefined;
}

/**
 * Raw SQL for the provider's store: every token exchange, introspection and
 * userinfo call reads it, so the rows go in and out without entities, as
 * named statements (parsed and planned once per connection). An expired row
 * reads as absent at once, whether or not the purge has run.
 */
export async function upsertOidcRecord(em: EntityManager, record: OidcRecordInput): Promise<void> {
  const { payload } = record;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  await queryPrepared(
    em,
    'gatehouse_oidc_upsert',
    `insert into oidc_record (model, id, payload, grant_id, account_id, client_id, user_code, uid, expires_at, consumed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $9::int is null then null else now() + make_interval(secs => $9::int) end, null)
     on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, account_id = excluded.account_id, client_id = excluded.client_id,
       user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
    [record.model, record.id, JSON.stringify(payload), text(payload.grantId), text(payload.accountId), text(payload.clientId), text(payload.userCode), text(payload.uid), record.expiresInSeconds ?? null],
  );
}

type StoredRow = { payload: Record<string, unknown>; consumedAt: string | null };

function payloadOf(row: StoredRow | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  // The provider knows a spent code by its `consumed` time (seconds), as its own stores record it.
  return row.consumedAt ? { ...row.payload, consumed: Math.floor(new Date(row.consumedAt).getTime() / 1000) } : row.payload;
}

async function findBy(em: EntityManager, model: string, column: 'id' | 'uid' | 'user_code', value: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await queryPrepared<StoredRow>(
    em,
    `gatehouse_oidc_find_by_${column}`,
    `select payload, consumed_at as "consumedAt" from oidc_record where model = $1 and ${column} = $2 and (expires_at is null or expires_at > now()) limit 1`,
    [model, value],
  );
  return payloadOf(row);
}

export const findOidcRecord = (em: EntityManager, model: string, id: string) => findBy(em, model, 'id', id);
export const findOidcRecordByUid = (em: EntityManager, model: string, uid: string) => findBy(em, model, 'uid', uid);
export const findOidcRecordByUserCode = (em: EntityManager, model: string, userCode: string) => findBy(em, model, 'user_code', userCode);

/** Marks a single-use record spent, once: the first caller wins, a replay reads it consumed. */
export async function consumeOidcRecord(em: EntityManager, model: string, id: string): Promise<void> {
  await queryPrepared(em, 'gatehouse_oidc_consume', 'update oidc_record set consumed_at = now() where model = $1 and id = $2 and consumed_at is null', [model, id]);
}

export async function destroyOidcRecord(em: EntityManager, model: string, id: string): Promise<void> {
  await executeStatement(em, 'delete from oidc_record where model = $1 and id = $2', [model, id]);
}

/** Everything one grant issued, of every model (codes, access and refresh tokens): gone in one statement. */
export async function revokeOidcGrant(em: EntityManager, grantId: string): Promise<number> {
  return executeStatement(em, 'delete from oidc_record where grant_id = $1', [grantId]);
}

/**
 * Serialises changes to the signing keys across api processes (two starting
 * at once must not both create a first key): a transaction-scoped advisory
 * lock, released with the transaction.
 */
export async function lockSigningKeys(em: EntityManager): Promise<void> {
  await queryRows(em, `select pg_advisory_xact_lock(hashtext('gatehouse:signing-keys'))`, []);
}

/**
 * Everything the provider keeps for one app (grants, codes, tokens): an app
 * switched off or removed keeps nothing. Each person it held a grant for is
 * told through its back-channel, when it has one.
 */
export async function revokeOidcClientRecords(em: EntityManager, options: { clientId: string; logout: { uri: string; workspaceId: string } | null }): Promise<number> {
  const [row] = await queryRows<{ gone: number }>(
    em,
    `with doomed as (
       select distinct case when model = 'Grant' then id else grant_id end as grant_id, account_id from oidc_record
        where client_id = $1::varchar and (model = 'Grant' or grant_id is not null)
     ), told as (
       insert into app_logout_outbox (id, client_id, account_id, workspace_id, uri, created_at, next_attempt_at, attempts)
       select gen_random_uuid(), $1::varchar, account_id, $3::uuid, $2::varchar, now(), now(), 0
         from (select distinct account_id from doomed where account_id is not null) accounts where $2::varchar is not null
     ), gone as (
       delete from oidc_record where client_id = $1::varchar or grant_id in (select grant_id from doomed) returning 1
     )
     select count(*)::int as gone from gone`,
    [options.clientId, options.logout?.uri ?? null, options.logout?.workspaceId ?? null],
  );
  return row?.gone ?? 0;
}

/**
 * Everything the provider issued to one person — for one workspace's apps, or
 * for every app — gone in one statement: the grants (consent included) and
 * the codes, access and refresh tokens made under them. Dismissal, a password
 * change or reset and "sign out everywhere" end app access this way.
 */
export async function revokeOidcAccountRecords(em: EntityManager, options: { accountId: string; workspaceId: string | null; clientId?: string }): Promise<number> {
  const [row] = await queryRows<{ gone: number }>(
    em,
    `with doomed as (
       select case when model = 'Grant' then id else grant_id end as grant_id, client_id from oidc_record
        where account_id = $1 and (model = 'Grant' or grant_id is not null)
          and ($2::uuid is null or client_id in (select id from workspace_app where workspace_id = $2::uuid))
          and ($3::varchar is null or client_id = $3::varchar)
     ), told as (
       -- Each app that held a grant and listens on a back-channel hears that this person's sessions with it ended.
       insert into app_logout_outbox (id, client_id, account_id, workspace_id, uri, created_at, next_attempt_at, attempts)
       select gen_random_uuid(), a.id, $1, a.workspace_id, a.backchannel_logout_uri, now(), now(), 0
         from workspace_app a where a.backchannel_logout_uri is not null and a.id in (select client_id from doomed)
     ), gone as (
       delete from oidc_record where grant_id in (select grant_id from doomed) or (model = 'Grant' and id in (select grant_id from doomed)) returning 1
     )
     select count(*)::int as gone from gone`,
    [options.accountId, options.workspaceId, options.clientId ?? null],
  );
  return row?.gone ?? 0;
}

/** An app a person let in (a grant of theirs), with its workspace: what the portal lists. */
export interface GrantedApp {
  appId: string;
  appName: string;
  logoUrl: string | null;
  workspaceSlug: string;
  workspaceName: string;
  grantedAt: Date;
}

export async function findGrantedApps(em: EntityManager, accountId: string): Promise<GrantedApp[]> {
  const rows = await queryRows<GrantedApp & { grantedAt: string | number }>(
    em,
    `select a.id as "appId", a.name as "appName", a.logo_url as "logoUrl", w.slug as "workspaceSlug", w.name as "workspaceName",
            min((g.payload->>'iat')::bigint) as "grantedAt"
       from oidc_record g join workspace_app a on a.id = g.client_id join workspace w on w.id = a.workspace_id
      where g.model = 'Grant' and g.account_id = $1 and (g.expires_at is null or g.expires_at > now())
      group by a.id, a.name, a.logo_url, w.slug, w.name
      order by w.name, a.name`,
    [accountId],
  );
  return rows.map((row) => ({ ...row, grantedAt: new Date(Number(row.grantedAt) * 1000) }));
}

/** A back-channel logout due now, as the sender needs it. */
export interface DueAppLogout {
  id: string;
  clientId: string;
  accountId: string;
  workspaceId: string;
  uri: string;
  attempts: number;
  createdAt: Date;
}

/** Claims up to `limit` due logouts for `lockMs` (another process skips them), oldest first. */
export async function claimDueAppLogouts(em: EntityManager, options: { now: Date; limit: number; lockMs: number }): Promise<DueAppLogout[]> {
  const rows = await queryRows<DueAppLogout & { createdAt: string | Date }>(
    em,
    `update app_logout_outbox set locked_until = $1::timestamptz + make_interval(secs => $3::int / 1000.0)
      where id in (
        select id from app_logout_outbox
         where delivered_at is null and failed_at is null and next_attempt_at <= $1 and (locked_until is null or locked_until <= $1)
         order by next_attempt_at limit $2 for update skip locked)
      returning id, client_id as "clientId", account_id as "accountId", workspace_id as "workspaceId", uri, attempts, created_at as "createdAt"`,
    [options.now, options.limit, options.lockMs],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** What became of one attempt: delivered, tried again at `retryAt`, or given up. */
export async function recordAppLogoutAttempt(em: EntityManager, options: { id: string; now: Date; outcome: 'delivered' | 'retry' | 'failed'; retryAt?: Date; error?: string }): Promise<void> {
  await executeStatement(
    em,
    `update app_logout_outbox set attempts = attempts + 1, locked_until = null, last_error = $3,
        delivered_at = case when $2 = 'delivered' then $4::timestamptz end,
        failed_at = case when $2 = 'failed' then $4::timestamptz end,
        next_attempt_at = coalesce($5::timestamptz, next_attempt_at)
      where id = $1`,
    [options.id, options.outcome, options.error?.slice(0, 300) ?? null, options.now, options.retryAt ?? null],
  );
}

/** One back-channel logout to send (a person signed out of an app through the issuer's end-session page). */
export async function enqueueAppLogout(em: EntityManager, logout: { clientId: string; accountId: string; workspaceId: string; uri: string }): Promise<void> {
  await executeStatement(
    em,
    `insert into app_logout_outbox (id, client_id, account_id, workspace_id, uri, created_at, next_attempt_at, attempts)
     values (gen_random_uuid(), $1, $2, $3::uuid, $4, now(), now(), 0)`,
    [logout.clientId, logout.accountId, logout.workspaceId, logout.uri],
  );
}
