import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Profile } from '../entities/index.ts';
import { queryPrepared, queryRows } from '../sql.ts';
import { SESSION_INSERT_COLUMNS, type NewSessionRecord } from './session-repository.ts';
import { RESTART_SIGN_IN_CLOCK } from './workspace-repository.ts';

const PROFILE_FOR_SIGN_IN_SQL = `
  select id, email, email_verified_at, password_hash, password_changed_at, two_factor_enabled_at, totp_last_step,
         must_change_password, temporary_password_expires_at, temporary_password_used_at, name, locale, is_staff, created_at, updated_at
    from profile where email = $1`;

/**
 * The profile a sign-in names, with its password hash (not its TOTP secret),
 * as a managed entity: a prepared statement mapped straight to the entity,
 * without the ORM building the query each time.
 */
export async function findProfileForSignIn(em: EntityManager, email: string): Promise<Profile | null> {
  const [row] = await queryPrepared<Record<string, unknown>>(em, 'gatehouse_profile_for_sign_in', PROFILE_FOR_SIGN_IN_SQL, [email]);
  return row ? em.map(Profile, row) : null;
}

/** An audit event's row, written at once rather than through the unit of work. */
export interface AuditRow {
  workspaceId: string | null;
  actorProfileId: string | null;
  /** The API key that acted, when no person did. */
  actorApiKeyId?: string | null;
  /** The SCIM token a company's directory acted with. */
  actorScimTokenId?: string | null;
  action: string;
  targetMemberId: string | null;
  targetProfileId: string | null;
  details: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The audit table's columns in the order {@link auditValues} gives them, then the time. */
const AUDIT_INSERT_COLUMNS = 'id, workspace_id, actor_profile_id, action, target_member_id, target_profile_id, details, ip_address, user_agent, request_id, created_at';

const INSERT_AUDIT_SQL = `
  insert into audit_event (${AUDIT_INSERT_COLUMNS}, actor_api_key_id, actor_scim_token_id)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

/** Writes one audit event that stands alone (no other change to commit with it), in one statement. */
export async function insertAuditRow(em: EntityManager, row: AuditRow, now = new Date()): Promise<void> {
  await queryPrepared(em, 'gatehouse_insert_audit', INSERT_AUDIT_SQL, [...auditValues(row), now, row.actorApiKeyId ?? null, row.actorScimTokenId ?? null]);
}

/** The row's values in column order, with a fresh id first. */
function auditValues(row: AuditRow): unknown[] {
  const details = row.details === null ? null : JSON.stringify(row.details);
  return [randomUUID(), row.workspaceId, row.actorProfileId, row.action, row.targetMemberId, row.targetProfileId, details, row.ipAddress, row.userAgent, row.requestId];
}

/*
 * Every write of a sign-in from a device the profile used before, as one
 * statement (so one round trip, and atomic without BEGIN/COMMIT): the
 * device's last sighting, the workspace's activity clock, the audit event and
 * the session. Each write hangs on the device row being found: for a device
 * never seen, nothing is written and the caller takes the full path.
 */
const KNOWN_DEVICE_SIGN_IN_SQL = `
  with device as (
    update known_device set last_seen_at = $1
     where profile_id = $2 and device_hash = $3
    returning profile_id
  ), clock as (
    update workspace set ${RESTART_SIGN_IN_CLOCK('$1')}
     where id = $4 and exists (select 1 from device)
  ), audit as (
    insert into audit_event (${AUDIT_INSERT_COLUMNS})
    select $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $1 from device
  ), started as (
    insert into session (${SESSION_INSERT_COLUMNS})
    select $15, $16, $2, $4, $17, $18, $19, $1, $1, $20, $21, $1, $22, $23 from device
  )
  select count(*)::int as known from device`;

/**
 * Records a sign-in from a known device in one statement; false (and nothing
 * written) when the device is new to this profile.
 */
export async function recordKnownDeviceSignIn(
  em: EntityManager,
  options: { session: NewSessionRecord; deviceHash: string; audit: AuditRow },
): Promise<boolean> {
  const { session, audit } = options;
  const [row] = await queryPrepared<{ known: number }>(em, 'gatehouse_known_device_sign_in', KNOWN_DEVICE_SIGN_IN_SQL, [
    session.now,
    session.profileId,
    options.deviceHash,
    session.workspaceId,
    ...auditValues(audit),
    session.id,
    session.secretHash,
    session.client,
    session.userAgent,
    session.ipAddress,
    session.expiresAt,
    JSON.stringify(session.amr),
    session.wayIn,
    session.setupOnly,
  ]);
  return (row?.known ?? 0) > 0;
}

/**
 * Records that a profile signed in from a device: a first sighting is
 * inserted, a known one (or the loser of two first sign-ins racing on it)
 * gets its last sighting. True when this call inserted it.
 */
export async function recordDeviceSighting(em: EntityManager, options: { profileId: string; deviceHash: string; now: Date }): Promise<boolean> {
  const [device] = await queryRows<{ inserted: boolean }>(
    em,
    `insert into known_device (id, profile_id, device_hash, first_seen_at, last_seen_at) values ($1, $2, $3, $4, $4)
     on conflict (profile_id, device_hash) do update set last_seen_at = excluded.last_seen_at
     returning (xmax = 0) as inserted`,
    [randomUUID(), options.profileId, options.deviceHash, options.now],
  );
  return device?.inserted === true;
}
