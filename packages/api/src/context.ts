import type { ValidatedSession } from '@gatehouse/auth';
import type { EntityManager, Orm } from '@gatehouse/db';
import type { AppError, Locale } from '@gatehouse/domain';
import type { KeyActor, RequestOrigin, ServiceConfig } from '@gatehouse/services';

/** What the transport (apps/api) hands each request; the router never sees Express. */
export interface RequestContext {
  orm: Orm;
  /** The member directory's own pool (short statement timeout), so slow searches never hold the main pool's connections. */
  directoryOrm: Orm;
  config: ServiceConfig;
  /** The social sign-in buttons: configured providers, by id and name. */
  socialProviders: { id: string; name: string }[];
  /** Where the local mail inbox is served (development default), or null with a real SMTP server. */
  mailInboxPath: string | null;
  /** From the profile when signed in, else Accept-Language, else English. */
  locale: Locale;
  auth: ValidatedSession | null;
  /** The API key the request came with (`Authorization: Bearer gh_…`), already checked; never together with a session. */
  apiKey: KeyActor | null;
  /** Why the request's API key was refused (unknown, revoked, expired, rate-limited): every call of the request fails with it. */
  apiKeyRefusal: AppError | null;
  /** How the session arrived: a browser cookie or an `Authorization: Bearer` token. */
  authVia: 'cookie' | 'bearer' | null;
  origin: RequestOrigin;
  /** Called after every mutation: mail it queued can leave now instead of at the next poll. */
  afterMutation(): void;
  sessionCookie: {
    set(token: string, expiresAt: Date): void;
    clear(): void;
    /** Clears the cookie and asks the browser to drop its cache and storage for this origin (sign-out). */
    clearSite(): void;
  };
}

/** Inside a procedure: the request context plus this call's own entity manager. */
export interface ProcedureContext extends RequestContext {
  em: EntityManager;
}
