import { sessionAbsoluteEndsAt } from '@gatehouse/domain';
import { invalidateSession } from '@gatehouse/auth';
import { resendVerification, signIn, signUp, verifyEmail } from '@gatehouse/services';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { SignInInput, SignUpInput, VerifyEmailInput } from '../schemas.ts';

export const authRouter = router({
  signUp: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    const profile = await signUp({ em: ctx.em, config: ctx.config, email: input.email, password: input.password, name: input.name, locale: input.locale ?? ctx.locale });
    return { profile };
  }),

  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const result = await signIn({
      em: ctx.em,
      email: input.email,
      password: input.password,
      workspaceSlug: input.workspace ?? null,
      client: input.client,
      origin: ctx.origin,
    });
    // A browser gets an HttpOnly cookie it cannot read; a desktop client or script gets the token itself.
    if (input.client === 'browser') ctx.sessionCookie.set(result.token, sessionAbsoluteEndsAt(result.session));
    return {
      status: 'signed_in' as const,
      profile: result.profile,
      workspace: result.workspace,
      session: { id: result.session.id, client: result.session.client, expiresAt: result.session.expiresAt.toISOString() },
      ...(input.client === 'desktop' ? { token: result.token } : {}),
    };
  }),

  session: publicProcedure.query(({ ctx }) => {
    if (!ctx.auth) return null;
    const { session, profile } = ctx.auth;
    return {
      session: {
        id: session.id,
        client: session.client,
        workspaceId: session.workspaceId,
        lastActiveAt: session.lastActiveAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
      },
      profile,
    };
  }),

  verifyEmail: publicProcedure.input(VerifyEmailInput).mutation(({ ctx, input }) => verifyEmail({ em: ctx.em, token: input.token, origin: ctx.origin })),

  resendVerification: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .mutation(({ ctx }) => resendVerification({ em: ctx.em, actor: ctx.actor, config: ctx.config })),

  signOut: authedProcedure.meta({ allowedBeforePasswordChange: true }).mutation(async ({ ctx }) => {
    await invalidateSession(ctx.em, ctx.actor.sessionId);
    if (ctx.authVia === 'cookie') ctx.sessionCookie.clear();
    return { ok: true as const };
  }),
});
