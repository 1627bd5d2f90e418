export const SESSION_CLIENTS = ['browser', 'desktop'] as const;
export type SessionClient = (typeof SESSION_CLIENTS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The seeds: a browser session ends after 24 minutes without activity; the
 * desktop client renews its own session. An absolute cap bounds how long a
 * stolen token could live (OWASP Session Management: absolute timeout).
 */
export const DEFAULT_BROWSER_SESSION_MAX_MS = 12 * HOUR;
/** The seeds' 24 minutes: a browser session's idle limit when the workspace sets none. */
export const DEFAULT_SESSION_IDLE_MINUTES = 24;
export const SESSION_LIFETIMES: Record<SessionClient, { idleMs: number; absoluteMs: number }> = {
  browser: { idleMs: DEFAULT_SESSION_IDLE_MINUTES * MINUTE, absoluteMs: DEFAULT_BROWSER_SESSION_MAX_MS },
  desktop: { idleMs: 30 * DAY, absoluteMs: 365 * DAY },
};

/** The absolute cap of browser sessions is a deployment setting (BROWSER_SESSION_MAX_LIFETIME), set once at start-up. */
export function setBrowserSessionMaxMs(ms: number): void {
  SESSION_LIFETIMES.browser.absoluteMs = ms;
}

/** The last-activity write happens at most this often, so validation is a read on almost every request. */
export const SESSION_ACTIVITY_WRITE_INTERVAL_MS = MINUTE;

export interface SessionTimes {
  client: SessionClient;
  createdAt: Date;
  lastActiveAt: Date;
  /** A workspace may set a shorter idle time for browser sessions. */
  idleMinutes?: number | null;
  /** And a shorter absolute cap for them (its security policy). */
  maxHours?: number | null;
}

export function idleLimitMs(session: Pick<SessionTimes, 'client' | 'idleMinutes'>): number {
  if (session.client === 'browser' && session.idleMinutes) return session.idleMinutes * MINUTE;
  return SESSION_LIFETIMES[session.client].idleMs;
}

/** When the session ends if nothing else happens: idle or absolute, whichever comes first. */
export function sessionExpiresAt(session: SessionTimes): Date {
  const idleEnd = session.lastActiveAt.getTime() + idleLimitMs(session);
  return new Date(Math.min(idleEnd, sessionAbsoluteEndsAt(session).getTime()));
}

export function isSessionExpired(session: SessionTimes, now: Date): boolean {
  return now.getTime() >= sessionExpiresAt(session).getTime();
}

export function isActivityWriteDue(lastActiveAt: Date, now: Date): boolean {
  return now.getTime() - lastActiveAt.getTime() >= SESSION_ACTIVITY_WRITE_INTERVAL_MS;
}

/** The hard end of a session whatever its activity: what a browser cookie's lifetime is set to. */
export function sessionAbsoluteEndsAt(session: Pick<SessionTimes, 'client' | 'createdAt' | 'maxHours'>): Date {
  const deployment = SESSION_LIFETIMES[session.client].absoluteMs;
  const workspace = session.client === 'browser' && session.maxHours ? session.maxHours * HOUR : Infinity;
  return new Date(session.createdAt.getTime() + Math.min(deployment, workspace));
}
