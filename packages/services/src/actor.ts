import type { Locale } from '@gatehouse/domain';

/** Who is calling: the signed-in profile and the session it came with. */
export interface Actor {
  profileId: string;
  sessionId: string;
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
}

/** The key rate limits count a client address under. */
export function addressKey(origin: RequestOrigin): string {
  return origin.ipAddress ?? 'unknown';
}
