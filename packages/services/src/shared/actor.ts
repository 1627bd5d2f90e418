import { clientAddressKey, type ApiKeyRole, type Locale, type SessionClient, type WayIn } from '@gatehouse/domain';

/** Who is calling: the signed-in profile and the session it came with. */
export interface Actor {
  profileId: string;
  apiKey?: never;
  sessionId: string;
  /** When the caller's session began: a workspace may refuse sessions older than its member's `sessionsValidFrom`. */
  sessionStartedAt: Date;
  /** The session's kind and way in, and the caller's last proof in it: a workspace's security policy asks about each. */
  sessionClient: SessionClient;
  sessionWayIn: WayIn;
  sessionAuthenticatedAt: Date;
  locale: Locale;
  isStaff: boolean;
  /** Where the request came from, for the audit trail. */
  origin: RequestOrigin;
}

/** An API key calling for its workspace: no person, no session, the role it was made with. */
export interface KeyActor {
  profileId: null;
  apiKey: { id: string; name: string; role: ApiKeyRole; workspaceId: string; workspaceSlug: string };
  locale: Locale;
  origin: RequestOrigin;
}

/** Whoever calls a procedure an API key may also call: a person or a key. */
export type Caller = Actor | KeyActor;

/** The one name rate limits and records count a caller under: the profile, or the key. */
export function callerKey(caller: Caller): string {
  return caller.apiKey ? `api_key:${caller.apiKey.id}` : caller.profileId;
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
