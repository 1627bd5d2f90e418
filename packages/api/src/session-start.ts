import { createSession } from '@gatehouse/auth';
import { sessionAbsoluteEndsAt } from '@gatehouse/domain';
import type { Actor } from '@gatehouse/services';
import type { ProcedureContext } from './context.ts';

/** Signs a just-created profile in on this browser (after accepting an invitation or joining). */
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

/** The caller as an actor when signed in, for procedures anyone may call. */
export function optionalActor(ctx: ProcedureContext): Actor | null {
  if (!ctx.auth) return null;
  return { profileId: ctx.auth.profile.id, sessionId: ctx.auth.session.id, locale: ctx.locale, isStaff: ctx.auth.profile.isStaff, origin: ctx.origin };
}
