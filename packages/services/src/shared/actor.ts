import { clientAddressKey, type Locale } from '@gatehouse/domain';

/** Who is calling: the signed-in profile and the session it came with. */
export interface Actor {
  profileId: string;
  sessionId: string;
  /** When the caller's session began: a workspace may refuse sessions older than its member's `sessionsValidFrom`. */
  sessionStartedAt: Date;
  locale: Locale;
  isStaff: boolean;
  /** Where the request came from, for the audit trail. */
  origin: RequestOrigin;
}

/** Where a request comes from, for the sessions list. */
export interface RequestOrigin {
  userAgent: string | null;
  ipAddress: string | null;
  /** A long-lived random id the browser keeps (or the desktop client's user agent): tells new devices from known ones. */
  deviceId?: string | null;
  /** The request's id, in its log lines and audit events. */
  requestId?: string | null;
}

/** The key rate limits count a client address under: one per IPv4 host, one per IPv6 /64, however spelt. */
export function addressKey(origin: RequestOrigin): string {
  return clientAddressKey(origin.ipAddress);
}
