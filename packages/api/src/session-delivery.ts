import { sessionAbsoluteEndsAt } from '@gatehouse/domain';
import { rotateSession, type Actor, type SignedIn } from '@gatehouse/services';
import type { ProcedureContext } from './context.ts';

/** Hands a started session to its client: a browser gets the HttpOnly cookie, a desktop client or script the token itself. */
export function deliverSession(ctx: ProcedureContext, signedIn: SignedIn) {
  const browser = signedIn.session.client === 'browser';
  if (browser) ctx.sessionCookie.set(signedIn.token, sessionAbsoluteEndsAt(signedIn.session));
  return {
    status: 'signed_in' as const,
    profile: signedIn.profile,
    workspace: signedIn.workspace,
    session: { id: signedIn.session.id, client: signedIn.session.client, expiresAt: signedIn.session.expiresAt.toISOString(), setupOnly: signedIn.session.setupOnly },
    ...(browser ? {} : { token: signedIn.token }),
  };
}

/**
 * After a privilege change (password, second factor) a browser gets a new
 * session id. Bearer clients keep their token; their other sessions are
 * handled by the change itself.
 */
export async function rotateBrowserSession(ctx: ProcedureContext & { actor: Actor }): Promise<void> {
  if (ctx.authVia !== 'cookie' || !ctx.auth) return;
  const { token, session } = await rotateSession(ctx.em, ctx.actor, { workspaceId: ctx.auth.session.workspaceId, amr: ctx.auth.session.amr, wayIn: ctx.auth.session.wayIn });
  ctx.sessionCookie.set(token, sessionAbsoluteEndsAt(session));
}
