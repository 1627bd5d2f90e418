import { deleteApp, listApps, registerApp, rotateAppSecret, updateApp } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { AppInput, CreateAppInput, RotateAppSecretInput, UpdateAppInput, WorkspaceInput } from '../schemas.ts';

/** The workspace's apps that sign its people in through Gatehouse (OpenID Connect clients): admins only. */
export const appsRouter = router({
  list: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listApps({ em: ctx.em, membership: ctx.membership })),

  create: adminProcedure.input(CreateAppInput).mutation(({ ctx, input }) =>
    registerApp({
      em: ctx.em,
      actor: ctx.actor,
      membership: ctx.membership,
      kind: input.kind,
      name: input.name,
      logoUrl: input.logoUrl ?? null,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      backchannelLogoutUri: input.backchannelLogoutUri ?? null,
      allowedRoles: input.allowedRoles,
      skipConsent: input.skipConsent,
    }),
  ),

  update: adminProcedure.input(UpdateAppInput).mutation(({ ctx, input }) => {
    const { workspace: _workspace, appId, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    return updateApp({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, appId, ...defined });
  }),

  rotateSecret: adminProcedure.input(RotateAppSecretInput).mutation(({ ctx, input }) =>
    rotateAppSecret({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, appId: input.appId, overlapHours: input.overlapHours }),
  ),

  delete: adminProcedure.input(AppInput).mutation(async ({ ctx, input }) => {
    await deleteApp({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, appId: input.appId });
    return { deleted: true };
  }),
});
