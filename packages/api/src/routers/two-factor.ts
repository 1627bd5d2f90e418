import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, setupTwoFactor, twoFactorStatus } from '@gatehouse/services';
import { authedProcedure, DURING_SETUP, router } from '../trpc.ts';
import { DisableTwoFactorInput, PasswordInput, TwoFactorCodeInput } from '../schemas.ts';
import { rotateBrowserSession } from '../session-delivery.ts';

export const twoFactorRouter = router({
  status: authedProcedure.meta(DURING_SETUP).query(({ ctx }) => twoFactorStatus({ em: ctx.em, actor: ctx.actor })),
  setup: authedProcedure.meta(DURING_SETUP).mutation(({ ctx }) => setupTwoFactor({ em: ctx.em, actor: ctx.actor, config: ctx.config })),
  enable: authedProcedure.meta(DURING_SETUP).input(TwoFactorCodeInput).mutation(async ({ ctx, input }) => {
    const result = await enableTwoFactor({ em: ctx.em, actor: ctx.actor, config: ctx.config, code: input.code });
    await rotateBrowserSession(ctx);
    return result;
  }),
  disable: authedProcedure.input(DisableTwoFactorInput).mutation(async ({ ctx, input }) => {
    const result = await disableTwoFactor({ em: ctx.em, actor: ctx.actor, config: ctx.config, password: input.password, code: input.code });
    await rotateBrowserSession(ctx);
    return result;
  }),
  regenerateRecoveryCodes: authedProcedure
    .input(PasswordInput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes({ em: ctx.em, actor: ctx.actor, config: ctx.config, password: input.password })),
});
