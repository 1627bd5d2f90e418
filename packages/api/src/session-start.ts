import { createSession, invalidateSession, type ValidatedSession } from '@gatehouse/auth';
import { sessionAbsoluteEndsAt, type Locale } from '@gatehouse/domain';
import type { Actor, RequestOrigin, SignedIn } from '@gatehouse/services';
import type { ProcedureContext } from './context.ts';

/** Signs a just-created profile in on this browser (after accepting an invitation). */
export async function startBrowserSession(ctx: ProcedureContext, profileId: string, workspaceId: string | null): Promise<void> {
  const { token, session } = await createSession(ctx.em, {
    profileId,
    workspaceId,
    client: 'browser',
    userAgent: ctx.origin.userAgent,
    ipAddress: ctx.origin.ipAddress,
  });
  ctx.sessionCookie.set(token, sessionAbsoluteEndsAt(session));
}

/** What a finished sign-in answers: a browser gets an HttpOnly cookie, a desktop client or script the token itself. */
export function deliverSession(ctx: ProcedureContext, signedIn: SignedIn) {
  const browser = signedIn.session.client === 'browser';
  if (browser) ctx.sessionCookie.set(signedIn.token, sessionAbsoluteEndsAt(signedIn.session));
  return {
    status: 'signed_in' as const,
    profile: signedIn.profile,
    workspace: signedIn.workspace,
    session: { id: signedIn.session.id, client: signedIn.session.client, expiresAt: signedIn.session.expiresAt.toISOString() },
    ...(browser ? {} : { token: signedIn.token }),
  };
}

/**
 * A new session id for this browser after a privilege change (password,
 * second factor), so an id observed before the change is worth nothing after.
 * Bearer clients keep their token; their other sessions are handled by the change itself.
 */
export async function rotateBrowserSession(ctx: ProcedureContext & { actor: Actor }): Promise<void> {
  if (ctx.authVia !== 'cookie' || !ctx.auth) return;
  const { token, session } = await createSession(ctx.em, {
    profileId: ctx.actor.profileId,
    workspaceId: ctx.auth.session.workspaceId,
    client: 'browser',
    userAgent: ctx.origin.userAgent,
    ipAddress: ctx.origin.ipAddress,
  });
  await invalidateSession(ctx.em, ctx.actor.sessionId);
  ctx.sessionCookie.set(token, sessionAbsoluteEndsAt(session));
}

/** The one way a validated session becomes the actor use cases take (tRPC procedures and the HTTP routes beside them). */
export function actorOf(auth: ValidatedSession, origin: RequestOrigin, locale: Locale): Actor {
  return { profileId: auth.profile.id, sessionId: auth.session.id, sessionStartedAt: auth.session.createdAt, locale, isStaff: auth.profile.isStaff, origin };
}

/** The caller as an actor when signed in, for procedures anyone may call. */
export function optionalActor(ctx: ProcedureContext): Actor | null {
  return ctx.auth ? actorOf(ctx.auth, ctx.origin, ctx.locale) : null;
}
