import type { ValidatedSession } from '@gatehouse/auth';
import type { Locale } from '@gatehouse/domain';
import type { Actor, AppDoorSession, RequestOrigin } from '@gatehouse/services';
import type { ProcedureContext } from './context.ts';

/** The one way a validated session becomes the actor use cases take: tRPC procedures and the HTTP routes beside them. */
export function actorOf(auth: ValidatedSession, origin: RequestOrigin, locale: Locale = auth.profile.locale): Actor {
  const { session } = auth;
  return {
    profileId: auth.profile.id,
    sessionId: session.id,
    sessionStartedAt: session.createdAt,
    sessionClient: session.client,
    sessionWayIn: session.wayIn,
    sessionAuthenticatedAt: session.authenticatedAt,
    locale,
    isStaff: auth.profile.isStaff,
    origin,
  };
}

/** The caller as an actor when signed in, for procedures anyone may call. */
export function optionalActor(ctx: ProcedureContext): Actor | null {
  return ctx.auth ? actorOf(ctx.auth, ctx.origin, ctx.locale) : null;
}

/** The browser's Gatehouse session as an app's door weighs it. */
export function appDoorSessionOf(auth: ValidatedSession): AppDoorSession {
  const { session } = auth;
  return { profileId: auth.profile.id, amr: session.amr, createdAt: session.createdAt, client: session.client, wayIn: session.wayIn, setupOnly: session.setupOnly };
}
