import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale, SessionClient, WayIn } from '@gatehouse/domain';
import { executeStatement, queryPrepared } from '../sql.ts';

/** A session row joined with what every request needs of its profile: the result of one indexed query. */
export interface SessionRecord {
  id: string;
  secretHash: string;
  client: SessionClient;
  profileId: string;
  workspaceId: string | null;
  amr: string[];
  wayIn: WayIn;
  createdAt: Date;
  lastActiveAt: Date;
  authenticatedAt: Date;
  setupOnly: boolean;
  idleMinutes: number | null;
  maxHours: number | null;
  profileName: string;
  profileEmail: string;
  profileLocale: Locale;
  mustChangePassword: boolean;
  isStaff: boolean;
}

const FIND_SESSION_SQL = `
  select s.id, s.secret_hash as "secretHash", s.client, s.profile_id as "profileId",
         s.workspace_id as "workspaceId", s.amr, s.way_in as "wayIn", s.created_at as "createdAt", s.last_active_at as "lastActiveAt",
         s.authenticated_at as "authenticatedAt", s.setup_only as "setupOnly", w.session_idle_minutes as "idleMinutes", w.session_max_hours as "maxHours", p.name as "profileName", p.email as "profileEmail",
         p.locale as "profileLocale", p.must_change_password as "mustChangePassword", p.is_staff as "isStaff"
    from session s
    join profile p on p.id = s.profile_id
    left join workspace w on w.id = s.workspace_id
   where s.id = $1`;

type SessionRow = Omit<SessionRecord, 'createdAt' | 'lastActiveAt' | 'authenticatedAt'> & { createdAt: string | Date; lastActiveAt: string | Date; authenticatedAt: string | Date };

export async function findSessionRecord(em: EntityManager, id: string): Promise<SessionRecord | null> {
  const [row] = await queryPrepared<SessionRow>(em, 'gatehouse_find_session', FIND_SESSION_SQL, [id]);
  // The ORM's pool leaves timestamps as strings; the record speaks Dates.
  return row ? { ...row, createdAt: new Date(row.createdAt), lastActiveAt: new Date(row.lastActiveAt), authenticatedAt: new Date(row.authenticatedAt) } : null;
}

export interface NewSessionRecord {
  id: string;
  secretHash: string;
  profileId: string;
  workspaceId: string | null;
  client: SessionClient;
  amr: string[];
  wayIn: WayIn;
  setupOnly: boolean;
  userAgent: string | null;
  ipAddress: string | null;
  now: Date;
  expiresAt: Date;
}

/** The session table's columns in the order every insert writes them. */
export const SESSION_INSERT_COLUMNS = 'id, secret_hash, profile_id, workspace_id, client, user_agent, ip_address, created_at, last_active_at, expires_at, amr, authenticated_at, way_in, setup_only';

export async function insertSessionRecord(em: EntityManager, record: NewSessionRecord): Promise<void> {
  await executeStatement(
    em,
    `insert into session (${SESSION_INSERT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $8, $11, $12)`,
    [record.id, record.secretHash, record.profileId, record.workspaceId, record.client, record.userAgent, record.ipAddress, record.now, record.expiresAt, JSON.stringify(record.amr), record.wayIn, record.setupOnly],
  );
}

/** The sliding renewal; `lastActiveAt` guards against two requests renewing at once doing it twice. */
export async function touchSessionRecord(em: EntityManager, options: { id: string; now: Date; expiresAt: Date; seenLastActiveAt: Date }): Promise<void> {
  await executeStatement(em, 'update session set last_active_at = $2, expires_at = $3 where id = $1 and last_active_at = $4', [
    options.id,
    options.now,
    options.expiresAt,
    options.seenLastActiveAt,
  ]);
}

export async function deleteSessionRecord(em: EntityManager, id: string): Promise<number> {
  return executeStatement(em, 'delete from session where id = $1', [id]);
}

/** Ends a profile's sessions, optionally keeping one (the caller's own). */
export async function deleteProfileSessions(em: EntityManager, options: { profileId: string; exceptId?: string | null }): Promise<number> {
  return executeStatement(em, 'delete from session where profile_id = $1 and ($2::text is null or id <> $2)', [
    options.profileId,
    options.exceptId ?? null,
  ]);
}

/** Ends the sessions a profile signed in with at one workspace (dismissal). */
export async function deleteWorkspaceSessions(em: EntityManager, options: { profileId: string; workspaceId: string }): Promise<number> {
  return executeStatement(em, 'delete from session where profile_id = $1 and workspace_id = $2', [options.profileId, options.workspaceId]);
}

export async function deleteExpiredSessions(em: EntityManager, now: Date): Promise<number> {
  return executeStatement(em, 'delete from session where expires_at <= $1', [now]);
}

/** A confirmation (password, code or passkey) renews the session's proof, for the sensitive actions that ask for a recent one. */
export async function markSessionAuthenticated(em: EntityManager, id: string, now: Date): Promise<void> {
  await executeStatement(em, 'update session set authenticated_at = $2 where id = $1', [id, now]);
}

/** Two-step verification is set up: the person's set-up-only sessions become whole sessions. */
export async function endSetupOnlySessions(em: EntityManager, profileId: string): Promise<void> {
  await executeStatement(em, 'update session set setup_only = false where profile_id = $1 and setup_only', [profileId]);
}
