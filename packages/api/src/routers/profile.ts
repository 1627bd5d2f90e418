import { getProfile, listMyWorkspaces, updateProfile } from '@gatehouse/services';
import { authedProcedure, router } from '../trpc.ts';
import { UpdateProfileInput } from '../schemas.ts';

export const profileRouter = router({
  get: authedProcedure.meta({ allowedBeforePasswordChange: true }).query(({ ctx }) => getProfile({ em: ctx.em, actor: ctx.actor })),

  update: authedProcedure.input(UpdateProfileInput).mutation(({ ctx, input }) => updateProfile({ em: ctx.em, actor: ctx.actor, ...input })),

  workspaces: authedProcedure.query(({ ctx }) => listMyWorkspaces({ em: ctx.em, actor: ctx.actor })),
});
