import { createSession, invalidateSession } from '@gatehouse/auth';
import { sessionAbsoluteEndsAt } from '@gatehouse/domain';
import type { Actor, SignedIn } from '@gatehouse/services';
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

/** The caller as an actor when signed in, for procedures anyone may call. */
export function optionalActor(ctx: ProcedureContext): Actor | null {
  if (!ctx.auth) return null;
  return { profileId: ctx.auth.profile.id, sessionId: ctx.auth.session.id, locale: ctx.locale, isStaff: ctx.auth.profile.isStaff, origin: ctx.origin };
}
