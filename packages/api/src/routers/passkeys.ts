import { addPasskey, listPasskeys, passkeyConfirmationOptions, passkeyRegistrationOptions, removePasskey, renamePasskey, type RegistrationResponseJSON } from '@gatehouse/services';
import { authedProcedure, DURING_SETUP, router } from '../trpc.ts';
import { PasskeyInput, RegisterPasskeyInput, RenamePasskeyInput } from '../schemas.ts';

/** The signed-in person's passkeys: add (two steps: options, then the browser's answer), list, rename, remove, and confirm with one. */
export const passkeysRouter = router({
  list: authedProcedure.meta(DURING_SETUP).query(({ ctx }) => listPasskeys({ em: ctx.em, actor: ctx.actor })),

  registrationOptions: authedProcedure.meta(DURING_SETUP).mutation(({ ctx }) => passkeyRegistrationOptions({ em: ctx.em, config: ctx.config, actor: ctx.actor })),

  register: authedProcedure.meta(DURING_SETUP).input(RegisterPasskeyInput).mutation(({ ctx, input }) =>
    addPasskey({ em: ctx.em, config: ctx.config, actor: ctx.actor, ceremonyId: input.ceremonyId, response: input.response as RegistrationResponseJSON, name: input.name ?? null }),
  ),

  /** A ceremony over the person's own passkeys, whose answer confirms a sensitive action (its `passkey` field). */
  confirmationOptions: authedProcedure.mutation(({ ctx }) => passkeyConfirmationOptions({ em: ctx.em, config: ctx.config, actor: ctx.actor })),

  rename: authedProcedure.input(RenamePasskeyInput).mutation(({ ctx, input }) => renamePasskey({ em: ctx.em, actor: ctx.actor, passkeyId: input.passkeyId, name: input.name })),

  remove: authedProcedure.input(PasskeyInput).mutation(({ ctx, input }) => removePasskey({ em: ctx.em, config: ctx.config, actor: ctx.actor, passkeyId: input.passkeyId })),
});
