import { changePassword, getProfile, listMyWorkspaces, updateProfile } from '@gatehouse/services';
import { authedProcedure, router } from '../trpc.ts';
import { ChangePasswordInput, UpdateProfileInput } from '../schemas.ts';

export const profileRouter = router({
  get: authedProcedure.meta({ allowedBeforePasswordChange: true }).query(({ ctx }) => getProfile({ em: ctx.em, actor: ctx.actor })),

  update: authedProcedure.input(UpdateProfileInput).mutation(({ ctx, input }) => updateProfile({ em: ctx.em, actor: ctx.actor, ...input })),

  /** Also the way out of PASSWORD_CHANGE_REQUIRED after a generated password. */
  changePassword: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .input(ChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword({ em: ctx.em, actor: ctx.actor, currentPassword: input.currentPassword, password: input.password })),

  workspaces: authedProcedure.query(({ ctx }) => listMyWorkspaces({ em: ctx.em, actor: ctx.actor })),
});
