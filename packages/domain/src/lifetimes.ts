const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long each mailed link, invitation and temporary secret lives: operators tune them (environment), tests shorten them. */
export interface Lifetimes {
  /** OWASP Forgot Password Cheat Sheet: a short-lived, single-use link. */
  resetLinkMs: number;
  emailChangeLinkMs: number;
  emailVerificationLinkMs: number;
  /** The seeds: an invitation link is valid for 7 days. */
  invitationMs: number;
  /** A generated password (direct registration) signs in once within this. */
  temporaryPasswordMs: number;
  /** The code mailed to an invited address when another profile accepts. */
  invitationCodeMs: number;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  resetLinkMs: HOUR,
  emailChangeLinkMs: DAY,
  emailVerificationLinkMs: DAY,
  invitationMs: 7 * DAY,
  temporaryPasswordMs: 7 * DAY,
  invitationCodeMs: 15 * MINUTE,
};

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: DAY };

/** A duration as operators write it: `300ms`, `90s`, `15m`, `12h`, `7d`; null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})\s*(ms|[smhd])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return ms > 0 ? ms : null;
}
