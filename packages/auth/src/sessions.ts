import {
  deleteSessionRecord,
  findSessionRecord,
  insertSessionRecord,
  touchSessionRecord,
  type EntityManager,
  type NewSessionRecord,
} from '@gatehouse/db';
import { isActivityWriteDue, isSessionExpired, sessionExpiresAt, type Locale, type SessionClient, type WayIn } from '@gatehouse/domain';
import { generateSessionToken, parseSessionToken, secretMatches } from './session-token.ts';

export interface SessionInfo {
  id: string;
  client: SessionClient;
  workspaceId: string | null;
  /** How the person signed in (RFC 8176 method references). */
  amr: string[];
  /** The way in it began with, for the workspace's allowed ways in. */
  wayIn: WayIn;
  createdAt: Date;
  lastActiveAt: Date;
  /** The last proof of the person in this session: the sign-in, or a confirmation since. */
  authenticatedAt: Date;
  /** The workspace's policy lets this session only set up two-step verification. */
  setupOnly: boolean;
  expiresAt: Date;
}

export interface SessionProfile {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  mustChangePassword: boolean;
  isStaff: boolean;
}

export interface ValidatedSession {
  session: SessionInfo;
  profile: SessionProfile;
}

export interface CreateSessionOptions {
  profileId: string;
  workspaceId: string | null;
  client: SessionClient;
  userAgent?: string | null;
  ipAddress?: string | null;
  /** The workspace's own idle limit and absolute cap, when it has them. */
  idleMinutes?: number | null;
  maxHours?: number | null;
  /** The way in; a password when not said. */
  wayIn?: WayIn;
  setupOnly?: boolean;
  /** How the person signed in; a password alone when not said. */
  amr?: string[];
  now?: Date;
}

/** A session about to start: its token for the client, its view, and the row to write. */
export interface NewSession {
  token: string;
  session: SessionInfo;
  record: NewSessionRecord;
}

/** Makes a new session without writing it (a fresh id at every sign-in, so a planted id is never promoted). */
export function newSession(options: CreateSessionOptions): NewSession {
  const now = options.now ?? new Date();
  const { id, token, secretHash } = generateSessionToken();
  const expiresAt = sessionExpiresAt({ client: options.client, createdAt: now, lastActiveAt: now, idleMinutes: options.idleMinutes ?? null, maxHours: options.maxHours ?? null });
  const wayIn = options.wayIn ?? 'password';
  const setupOnly = options.setupOnly ?? false;
  return {
    token,
    session: { id, client: options.client, workspaceId: options.workspaceId, amr: options.amr ?? ['pwd'], wayIn, createdAt: now, lastActiveAt: now, authenticatedAt: now, setupOnly, expiresAt },
    record: {
      id,
      secretHash,
      profileId: options.profileId,
      workspaceId: options.workspaceId,
      client: options.client,
      amr: options.amr ?? ['pwd'],
      wayIn,
      setupOnly,
      userAgent: options.userAgent?.slice(0, 512) ?? null,
      ipAddress: options.ipAddress?.slice(0, 64) ?? null,
      now,
      expiresAt,
    },
  };
}

/** Starts a new session. */
export async function createSession(em: EntityManager, options: CreateSessionOptions): Promise<{ token: string; session: SessionInfo }> {
  const { token, session, record } = newSession(options);
  await insertSessionRecord(em, record);
  return { token, session };
}

/**
 * The per-request check: one indexed query (session joined with its profile),
 * a constant-time comparison of the secret's hash, and a renewal write at most
 * once a minute. An expired session is deleted on sight.
 */
export async function validateSessionToken(em: EntityManager, token: string, now = new Date()): Promise<ValidatedSession | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const record = await findSessionRecord(em, parsed.id);
  if (!record || !secretMatches(parsed.secret, record.secretHash)) return null;

  if (isSessionExpired(record, now)) {
    await deleteSessionRecord(em, record.id);
    return null;
  }
  let lastActiveAt = record.lastActiveAt;
  if (isActivityWriteDue(record.lastActiveAt, now)) {
    const expiresAt = sessionExpiresAt({ ...record, lastActiveAt: now });
    await touchSessionRecord(em, { id: record.id, now, expiresAt, seenLastActiveAt: record.lastActiveAt });
    lastActiveAt = now;
  }
  return {
    session: {
      id: record.id,
      client: record.client,
      workspaceId: record.workspaceId,
      amr: record.amr,
      wayIn: record.wayIn,
      createdAt: record.createdAt,
      lastActiveAt,
      authenticatedAt: record.authenticatedAt,
      setupOnly: record.setupOnly,
      expiresAt: sessionExpiresAt({ ...record, lastActiveAt }),
    },
    profile: {
      id: record.profileId,
      name: record.profileName,
      email: record.profileEmail,
      locale: record.profileLocale,
      mustChangePassword: record.mustChangePassword,
      isStaff: record.isStaff,
    },
  };
}

export async function invalidateSession(em: EntityManager, sessionId: string): Promise<void> {
  await deleteSessionRecord(em, sessionId);
}
