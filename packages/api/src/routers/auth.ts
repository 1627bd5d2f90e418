import { passkeySignInOptions, secondStepPasskeyOptions, requestPasswordReset, resendVerification, resetPassword, signIn, signInWithPasskey, signOut, signUp, verifyEmail, verifyTwoFactor, type AuthenticationResponseJSON } from '@gatehouse/services';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { RequestPasswordResetInput, SecondStepPasskeyOptionsInput, ResetPasswordInput, SignInInput, SignInWithPasskeyInput, SignUpInput, VerifyEmailInput, VerifyTwoFactorInput } from '../schemas.ts';
import { deliverSession } from '../session-delivery.ts';
import { sessionView } from '../session-view.ts';

export const authRouter = router({
  /** Answers alike whether or not the address has a profile; the mailbox decides. */
  signUp: publicProcedure.input(SignUpInput).mutation(({ ctx, input }) =>
    signUp({ em: ctx.em, config: ctx.config, origin: ctx.origin, email: input.email, password: input.password, name: input.name, locale: input.locale ?? ctx.locale }),
  ),

  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const result = await signIn({
      em: ctx.em,
      config: ctx.config,
      email: input.email,
      password: input.password,
      workspaceSlug: input.workspace ?? null,
      client: input.client,
      origin: ctx.origin,
      breakGlass: input.breakGlass,
    });
    if (result.status === 'two_factor_required') return result;
    return deliverSession(ctx, result);
  }),

  /** A sign-in ceremony for a passkey: no email asked; the browser offers the person's passkeys (or autofills them). */
  passkeyOptions: publicProcedure
    .input(SecondStepPasskeyOptionsInput)
    .mutation(({ ctx, input }) =>
      // With a sign-in's second step: only the passkeys of whoever proved the first.
      input?.challengeId
        ? secondStepPasskeyOptions({ em: ctx.em, config: ctx.config, challengeId: input.challengeId, origin: ctx.origin })
        : passkeySignInOptions({ em: ctx.em, config: ctx.config, origin: ctx.origin }),
    ),

  signInWithPasskey: publicProcedure.input(SignInWithPasskeyInput).mutation(async ({ ctx, input }) => {
    const result = await signInWithPasskey({
      em: ctx.em,
      config: ctx.config,
      ceremonyId: input.ceremonyId,
      response: input.response as AuthenticationResponseJSON,
      workspaceSlug: input.workspace ?? null,
      client: input.client,
      origin: ctx.origin,
    });
    if (result.status === 'two_factor_required') return result;
    return deliverSession(ctx, result);
  }),

  verifyTwoFactor: publicProcedure.input(VerifyTwoFactorInput).mutation(async ({ ctx, input }) => {
    const result = await verifyTwoFactor({
      em: ctx.em,
      config: ctx.config,
      challengeId: input.challengeId,
      ...(input.code ? { code: input.code } : {}),
      ...(input.recoveryCode ? { recoveryCode: input.recoveryCode } : {}),
      ...(input.passkey ? { passkey: { ceremonyId: input.passkey.ceremonyId, response: input.passkey.response as AuthenticationResponseJSON } } : {}),
      origin: ctx.origin,
    });
    return { ...deliverSession(ctx, result), recoveryCodesLeft: result.recoveryCodesLeft, fewRecoveryCodesLeft: result.fewRecoveryCodesLeft };
  }),

  session: publicProcedure.query(({ ctx }) => sessionView(ctx.auth)),

  verifyEmail: publicProcedure.input(VerifyEmailInput).mutation(({ ctx, input }) => verifyEmail({ em: ctx.em, config: ctx.config, token: input.token, origin: ctx.origin })),

  resendVerification: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .mutation(({ ctx }) => resendVerification({ em: ctx.em, actor: ctx.actor, config: ctx.config })),

  requestPasswordReset: publicProcedure
    .input(RequestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset({ em: ctx.em, config: ctx.config, email: input.email, origin: ctx.origin })),

  resetPassword: publicProcedure.input(ResetPasswordInput).mutation(async ({ ctx, input }) => {
    const result = await resetPassword({ em: ctx.em, config: ctx.config, token: input.token, password: input.password, origin: ctx.origin });
    if (ctx.authVia === 'cookie') ctx.sessionCookie.clear();
    return result;
  }),

  /** A browser is also told to drop what it cached of the signed-in pages (Clear-Site-Data). */
  signOut: authedProcedure.meta({ allowedBeforePasswordChange: true, allowedDuringTwoFactorSetup: true }).mutation(async ({ ctx }) => {
    await signOut({ em: ctx.em, actor: ctx.actor });
    if (ctx.authVia === 'cookie') ctx.sessionCookie.clearSite();
    return { ok: true as const };
  }),
});
